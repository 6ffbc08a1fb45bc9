/**
 * Stores the local admin token (STAFF_TOKEN) in the table, through the same code that issues staff
 * tokens, so the banner's commands work on a fresh clone. Kept apart: it is the one place the local
 * runtime uses the application's code directly, and its failure must not stop the system.
 */
export async function ensureLocalAdminToken(token: string): Promise<void> {
  try {
    const { createDocumentClient } = await import('../functions/adapters/dynamodb/document-client');
    const { DynamoPlacementRepository } = await import('../functions/adapters/dynamodb/placement-repository');
    const { ensureStaffToken } = await import('../functions/application/staff-tokens');
    const client = createDocumentClient();
    try {
      await ensureStaffToken(new DynamoPlacementRepository(client, process.env.TABLE_NAME ?? ''), token, { name: 'Local admin', role: 'admin' }, new Date());
    } finally {
      client.destroy();
    }
  } catch (error) {
    console.error(`Warning: the local admin token (STAFF_TOKEN) could not be stored: ${error instanceof Error ? error.message : String(error)}`);
  }
}
