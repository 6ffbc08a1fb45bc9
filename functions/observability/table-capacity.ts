/**
 * The DynamoDB request units this process has consumed, as DynamoDB reports them (ConsumedCapacity),
 * added up by the document client's middleware. Read by the local runtime's metrics and by the cost
 * figures of `npm run bench`; in Lambda it only adds up, nobody reads it.
 */

export interface ConsumedUnits {
  CapacityUnits?: number;
  ReadCapacityUnits?: number;
  WriteCapacityUnits?: number;
}

export interface TableCapacity {
  readUnits: number;
  writeUnits: number;
  /** Requests by operation (GetItem, Query, PutItem, TransactWriteItems, …). */
  requests: Record<string, number>;
}

const meter: TableCapacity = { readUnits: 0, writeUnits: 0, requests: {} };

// No function scans (test/unit/architecture.test.ts), so reads are these.
const readOperations = new Set(['GetItem', 'Query', 'BatchGetItem', 'TransactGetItems']);

/** Adds what one request consumed: its read or write units, by the operation when DynamoDB does not split them. */
export function recordConsumedCapacity(operation: string, consumed: ConsumedUnits | ConsumedUnits[] | undefined): void {
  meter.requests[operation] = (meter.requests[operation] ?? 0) + 1;
  for (const units of consumed === undefined ? [] : Array.isArray(consumed) ? consumed : [consumed]) {
    if (units.ReadCapacityUnits !== undefined || units.WriteCapacityUnits !== undefined) {
      meter.readUnits += units.ReadCapacityUnits ?? 0;
      meter.writeUnits += units.WriteCapacityUnits ?? 0;
    } else if (readOperations.has(operation)) {
      meter.readUnits += units.CapacityUnits ?? 0;
    } else {
      meter.writeUnits += units.CapacityUnits ?? 0;
    }
  }
}

export function readTableCapacity(): TableCapacity {
  return { readUnits: meter.readUnits, writeUnits: meter.writeUnits, requests: { ...meter.requests } };
}
