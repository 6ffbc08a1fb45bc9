/** A conditional write refused because its condition did not hold (the item exists, the version moved, the limit is reached). */
export function isConditionFailure(error: unknown): boolean {
  return error instanceof Error && error.name === 'ConditionalCheckFailedException';
}
