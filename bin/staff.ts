/**
 * `npm run staff -- <command>`: issue, list and revoke staff bearer tokens in the table named by
 * TABLE_NAME, through the AWS SDK's usual credentials and endpoint configuration. With neither
 * TABLE_NAME nor an endpoint set, it asks the local system running on PORT (default 3000) for its
 * DynamoDB endpoint (GET /_local/endpoints) and uses the local table.
 */
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { createDocumentClient } from '../functions/adapters/dynamodb/document-client';
import { DynamoPlacementRepository } from '../functions/adapters/dynamodb/placement-repository';
import {
  issueStaffToken,
  listStaffTokens,
  revokeStaffToken,
  staffIdentityInputSchema,
  type StaffTokenListing,
} from '../functions/application/staff-tokens';
import { DomainError } from '../functions/domain/errors';
import { localTableName } from '../local/config';
import { httpRequest } from '../local/http';
import { staffRoles } from '../functions/domain/staff-roles';

const usage = `Usage: npm run staff -- <command> [--port <port>]

  create --name <name> --role <${staffRoles.join('|')}>
                        issue a token (printed once, never stored in clear)
  list                  every token: id, name, role, created, revoked
  revoke <id>           revoke the token whose hash starts with <id> (as listed)

The local system: with neither TABLE_NAME nor AWS_ENDPOINT_URL_DYNAMODB set, the command asks the
system \`npm start\` runs on --port (default: PORT, else 3000) where its DynamoDB is, and uses its table.
A deployed stack: TABLE_NAME, with the AWS SDK's usual credentials and endpoint configuration
(TABLE_NAME defaults to "${localTableName}" when AWS_ENDPOINT_URL_DYNAMODB points at localhost).`;

class UsageError extends Error {}

const portSchema = z.coerce.number().int().min(1).max(65_535);

const commandSchema = z.discriminatedUnion('command', [
  z.object({ command: z.literal('create'), name: staffIdentityInputSchema.shape.name, role: staffIdentityInputSchema.shape.role }),
  z.object({ command: z.literal('list') }),
  z.object({ command: z.literal('revoke'), id: z.string().min(1) }),
  z.object({ command: z.literal('help') }),
]);
type Command = z.infer<typeof commandSchema>;

function readCommand(argv: string[]): { command: Command; port: number } {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { name: { type: 'string' }, role: { type: 'string' }, port: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const { values: { port: portOption, ...values }, positionals } = parsed;
  const port = portSchema.safeParse(portOption ?? process.env.PORT ?? '3000');
  if (!port.success) throw new UsageError(`Not a port: ${portOption ?? process.env.PORT ?? ''}`);
  const [command, ...rest] = positionals;
  if (command !== undefined && !['create', 'list', 'revoke', 'help'].includes(command)) {
    throw new UsageError(`Unknown command: ${command}`);
  }
  const wanted = values.help === true || command === undefined ? { command: 'help' } : { command, ...values, id: rest[0] };
  const extra = command === 'revoke' ? rest.slice(1) : rest;
  if (extra.length > 0) throw new UsageError(`Unexpected argument: ${extra.join(' ')}`);
  const result = commandSchema.safeParse(wanted);
  if (!result.success) throw new UsageError(z.prettifyError(result.error));
  return { command: result.data, port: port.data };
}

const isLocal = (url: string | undefined) => url !== undefined && /^https?:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d+)?(\/|$)/i.test(url);

const localEndpointsSchema = z.looseObject({ dynamodb: z.url() });

/** The DynamoDB endpoint of the local system on `port`, if one answers there. */
async function localDynamoDbEndpoint(port: number): Promise<string | undefined> {
  try {
    const response = await httpRequest(`http://localhost:${port}/_local/endpoints`, { headers: { accept: 'application/json' } });
    return response.status === 200 ? localEndpointsSchema.parse(JSON.parse(response.body)).dynamodb : undefined;
  } catch {
    return undefined;
  }
}

async function openRepository(env: NodeJS.ProcessEnv, port: number): Promise<DynamoPlacementRepository> {
  const configured = env.AWS_ENDPOINT_URL_DYNAMODB ?? env.AWS_ENDPOINT_URL;
  // Nothing says which table: the local system on PORT, whichever port it was started on.
  const found = configured === undefined && env.TABLE_NAME === undefined ? await localDynamoDbEndpoint(port) : undefined;
  const local = isLocal(found ?? configured);
  const tableName = env.TABLE_NAME ?? (local ? localTableName : undefined);
  if (tableName === undefined || tableName === '') {
    throw new UsageError(
      configured === undefined
        ? `No local system answers on port ${port}, and TABLE_NAME is not set. Start it (npm start) or give its port (PORT or --port); for a deployed stack, set TABLE_NAME to its table.`
        : 'Set TABLE_NAME to the table of the deployed stack (the endpoint is not the local runtime).',
    );
  }
  // dynalite accepts any credentials: spare local use from needing an AWS profile.
  const localDefaults =
    local && env.AWS_ACCESS_KEY_ID === undefined && env.AWS_PROFILE === undefined
      ? { credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }
      : {};
  const region = local && env.AWS_REGION === undefined && env.AWS_DEFAULT_REGION === undefined ? { region: 'us-east-1' } : {};
  return new DynamoPlacementRepository(createDocumentClient({ ...localDefaults, ...region, ...(found === undefined ? {} : { endpoint: found }) }), tableName);
}

function table(tokens: StaffTokenListing[]): string {
  const rows = [
    ['ID', 'NAME', 'ROLE', 'CREATED', 'REVOKED'],
    ...tokens.map((token) => [token.id, token.name, token.role, token.createdAt, token.revokedAt ?? '-']),
  ];
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  return rows.map((row) => row.map((cell, column) => cell.padEnd(widths[column]!)).join('  ').trimEnd()).join('\n');
}

async function run({ command, port }: { command: Command; port: number }): Promise<void> {
  if (command.command === 'help') {
    console.log(usage);
    return;
  }
  const repository = await openRepository(process.env, port);
  switch (command.command) {
    case 'create': {
      const { token, issued } = await issueStaffToken(repository, { name: command.name, role: command.role }, new Date());
      console.log(`Issued a ${issued.role} token for ${issued.name} (id ${issued.id}):\n\n  ${token}\n`);
      console.log('It will not be shown again: only its hash is stored. Keep it somewhere safe now.');
      return;
    }
    case 'list': {
      const tokens = await listStaffTokens(repository);
      console.log(tokens.length === 0 ? 'No staff tokens yet.' : table(tokens));
      return;
    }
    case 'revoke': {
      const { revoked, alreadyRevoked } = await revokeStaffToken(repository, command.id, new Date());
      console.log(
        alreadyRevoked
          ? `Token ${revoked.id} (${revoked.name}, ${revoked.role}) was already revoked at ${revoked.revokedAt}.`
          : `Revoked token ${revoked.id} (${revoked.name}, ${revoked.role}) at ${revoked.revokedAt}.`,
      );
      return;
    }
  }
}

try {
  await run(readCommand(process.argv.slice(2)));
} catch (error) {
  if (error instanceof UsageError) {
    console.error(`${error.message}\n\n${usage}`);
    process.exitCode = 2;
  } else if (error instanceof DomainError) {
    console.error(error.message);
    process.exitCode = 1;
  } else {
    console.error(`The command failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  }
}
