/**
 * The single table's key schema, shared by the CDK stack and the local runtime (which creates the
 * same table in dynalite). Key *values* are built only in functions/adapters/dynamodb/keys.ts.
 */
export const tableDefinition = {
  partitionKey: 'PK',
  sortKey: 'SK',
  globalIndexes: [
    /** Placements by status (staff listings). */
    { name: 'GSI1', partitionKey: 'GSI1PK', sortKey: 'GSI1SK' },
    /** Placements by certification week (staff listings). */
    { name: 'GSI2', partitionKey: 'GSI2PK', sortKey: 'GSI2SK' },
    /** Placements by client (reserve carry-over to the next placement). */
    { name: 'GSI3', partitionKey: 'GSI3PK', sortKey: 'GSI3SK' },
    /**
     * What is due when (sparse): only items with work coming carry GSI4PK (the kind of work) and
     * GSI4SK (when it is due, then the item's id), so a job reads what is due, not everything stored.
     */
    { name: 'GSI4', partitionKey: 'GSI4PK', sortKey: 'GSI4SK' },
  ],
  localIndexes: [
    /**
     * A placement's history in the order it happened, a page at a time (strongly consistent). Sparse:
     * only history items carry LSI1SK. The table's own SK keys provider events by their identity
     * (so a replay is refused), which does not sort by time.
     */
    { name: 'LSI1', sortKey: 'LSI1SK' },
  ],
} as const;

/** The CreateTable input for the local runtime and the tests, derived from the definition above. */
export function createTableInput(tableName: string) {
  const { partitionKey, sortKey, globalIndexes, localIndexes } = tableDefinition;
  const attributeNames = [
    partitionKey,
    sortKey,
    ...globalIndexes.flatMap((index) => [index.partitionKey, index.sortKey]),
    ...localIndexes.map((index) => index.sortKey),
  ];
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST' as const,
    AttributeDefinitions: attributeNames.map((name) => ({ AttributeName: name, AttributeType: 'S' as const })),
    KeySchema: [
      { AttributeName: partitionKey, KeyType: 'HASH' as const },
      { AttributeName: sortKey, KeyType: 'RANGE' as const },
    ],
    GlobalSecondaryIndexes: globalIndexes.map((index) => ({
      IndexName: index.name,
      KeySchema: [
        { AttributeName: index.partitionKey, KeyType: 'HASH' as const },
        { AttributeName: index.sortKey, KeyType: 'RANGE' as const },
      ],
      Projection: { ProjectionType: 'ALL' as const },
    })),
    LocalSecondaryIndexes: localIndexes.map((index) => ({
      IndexName: index.name,
      KeySchema: [
        { AttributeName: partitionKey, KeyType: 'HASH' as const },
        { AttributeName: index.sortKey, KeyType: 'RANGE' as const },
      ],
      Projection: { ProjectionType: 'ALL' as const },
    })),
  };
}
