import { build } from 'esbuild';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { functions, type FunctionName, type FunctionSpec } from '../../lib/manifest';
import { tableCallAnalyzer } from './table-calls';

// What a handler uses at run time (the wiring modules it imports) must be what the manifest grants it
// in AWS: locally every function shares one process and one environment, so only this test notices a
// function that would fail in AWS for lack of a permission or a variable.

const repositoryRoot = path.resolve(import.meta.dirname, '..', '..');

/** The repository files each handler's bundle contains, as esbuild resolves them. */
async function importsOf(entry: string): Promise<string[]> {
  const result = await build({
    entryPoints: [path.join(repositoryRoot, entry)],
    bundle: true,
    write: false,
    metafile: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    logLevel: 'silent',
  });
  return Object.keys(result.metafile.inputs);
}

const needs: { module: string; granted: (spec: FunctionSpec) => boolean; what: string }[] = [
  { module: 'functions/wiring/placements.ts', granted: (spec) => (spec.tableActions ?? []).length > 0, what: 'table actions' },
  // Every repository's wiring builds on the table's (TABLE_NAME and the document client).
  { module: 'functions/wiring/table.ts', granted: (spec) => spec.table !== 'none' && (spec.tableActions ?? []).length > 0, what: 'table access' },
  { module: 'functions/wiring/mailer.ts', granted: (spec) => spec.sendsEmail === true, what: 'sendsEmail' },
  { module: 'functions/wiring/document-mailer.ts', granted: (spec) => spec.sendsEmail === true, what: 'sendsEmail' },
  { module: 'functions/wiring/workflow.ts', granted: (spec) => (spec.workflow ?? []).length > 0, what: 'workflow access (and STATE_MACHINE_ARN)' },
  {
    module: 'functions/wiring/providers.ts',
    granted: (spec) => (spec.secrets ?? []).includes('docusignApi') && (spec.secrets ?? []).includes('billingApi'),
    what: 'the DocuSign and billing API secrets',
  },
  {
    module: 'functions/wiring/client-link-keys.ts',
    granted: (spec) => (spec.secrets ?? []).includes('clientLinkSecret'),
    what: 'the client-link secret',
  },
];

describe('each function is granted what its code uses', () => {
  it.each(Object.entries(functions) as [FunctionName, FunctionSpec][])('%s', async (_name, spec) => {
    const imports = await importsOf(spec.entry);
    expect(imports.length).toBeGreaterThan(1);
    for (const need of needs) {
      if (imports.includes(need.module)) expect(need.granted(spec), `${spec.entry} imports ${need.module} but lacks ${need.what}`).toBe(true);
    }
  });

  it('knows the lifecycle step resumes callbacks, so it must be allowed to', async () => {
    expect(await importsOf(functions.lifecycleStep.entry)).toContain('functions/wiring/workflow.ts');
  });
});

describe('each function may call on the table exactly the DynamoDB actions its code sends', () => {
  const specs = Object.entries(functions) as [FunctionName, FunctionSpec][];
  const tableCallsOf = tableCallAnalyzer(specs.map(([, spec]) => spec.entry));

  it.each(specs)('%s', (_name, spec) => {
    // Act
    const calls = tableCallsOf(spec.entry);

    // Assess: a missing action fails in AWS only; an extra one is a permission nothing needs.
    expect([...(spec.tableActions ?? [])].sort(), `${spec.entry} reaches ${calls.methods.join(', ') || 'no repository method'}`).toEqual(calls.actions);
  });

  it('reads what the code calls, not what it might: the authorizer only reads staff tokens and sessions, staff listings only query', () => {
    // Act
    const authorizer = tableCallsOf(functions.staffAuthorizer.entry);
    const listings = tableCallsOf(functions.listPlacements.entry);

    // Assess
    expect(authorizer).toEqual({ methods: ['StaffSessionRepository.getStaffSession', 'StaffTokenRepository.getStaffToken'], actions: ['GetItem'] });
    expect(listings.methods).toEqual(['PlacementRepository.listByCertificationWeek', 'PlacementRepository.listByStatus', 'PlacementsNewestFirst.newestInStatus']);
    expect(listings.actions).toEqual(['Query']);
  });

  it('follows a placement read into the writes that finish a crashed writer’s history journal', () => {
    // Act
    const verification = tableCallsOf(functions.verifyCertificate.entry);

    // Assess
    expect(verification.methods).toEqual(['PlacementRepository.findByCertificateId']);
    expect(verification.actions).toEqual(['GetItem', 'PutItem', 'UpdateItem']);
  });
});
