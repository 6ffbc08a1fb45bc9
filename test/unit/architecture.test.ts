import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const keysModule = 'functions/adapters/dynamodb/keys.ts';

function sourceFiles(folder: string): { path: string; text: string }[] {
  return readdirSync(join(root, folder), { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.ts'))
    .map((name) => join(root, folder, name))
    .map((file) => ({ path: relative(root, file).split('\\').join('/'), text: readFileSync(file, 'utf8') }));
}

/** A DynamoDB Scan in any form the SDK offers. */
const scanUse = /\b(ScanCommand|paginateScan)\b|\.scan\s*\(|['"]Scan['"]/;
/** A key value being built: a string or template literal that starts with an upper-case prefix and `#`, e.g. `PLACEMENT#…`. */
const keyString = /['"`][A-Z][A-Z0-9_]*#/;
const awsImport = /from\s+['"](@aws-sdk\/|aws-lambda|@aws-lambda-powertools\/|@middy\/)/;

/** An import of any module under one of the given folders of functions/, by a relative path. */
const layerImport = (folders: string[]) => new RegExp(`from\\s+['"](\\.\\./)+(${folders.join('|')})/`);

function offenders(files: { path: string; text: string }[], pattern: RegExp): string[] {
  return files.flatMap(({ path, text }) =>
    text
      .split('\n')
      .map((line, index) => ({ line, number: index + 1 }))
      .filter(({ line }) => pattern.test(line))
      .map(({ line, number }) => `${path}:${number}: ${line.trim()}`),
  );
}

describe('architecture rules', () => {
  const functionsSource = sourceFiles('functions');

  it('finds the source it checks, including the keys module', () => {
    // Assess
    expect(functionsSource.map((file) => file.path)).toContain(keysModule);
    expect(functionsSource.length).toBeGreaterThan(10);
  });

  it('recognises what it forbids', () => {
    // Assess: the detectors would catch the usual ways of breaking the rules…
    expect(scanUse.test("await client.send(new ScanCommand({ TableName }))")).toBe(true);
    expect(scanUse.test('for await (const page of paginateScan({ client }, input))')).toBe(true);
    expect(keyString.test("const pk = 'PLACEMENT#' + id;")).toBe(true);
    expect(keyString.test('const pk = `ENVELOPE#${envelopeId}`;')).toBe(true);
    expect(awsImport.test("import { DynamoDBClient } from '@aws-sdk/client-dynamodb';")).toBe(true);
    // …and leave alone what is fine.
    expect(scanUse.test('ScanIndexForward: false')).toBe(false);
    expect(keyString.test("ExpressionAttributeNames: { '#version': 'version' }")).toBe(false);
  });

  it('has no Scan anywhere in functions/', () => {
    // Assess
    expect(offenders(functionsSource, scanUse)).toEqual([]);
  });

  it('builds key strings only in the keys module', () => {
    // Assess
    const others = functionsSource.filter((file) => file.path !== keysModule);
    expect(offenders(others, keyString)).toEqual([]);
  });

  it('keeps the domain free of AWS, Lambda and adapter imports', () => {
    // Prepare
    const domain = functionsSource.filter((file) => file.path.startsWith('functions/domain/'));

    // Assess
    expect(domain.length).toBeGreaterThan(0);
    expect(offenders(domain, awsImport)).toEqual([]);
    expect(offenders(domain, /from\s+['"][./]*\/(adapters|handlers|http)\//)).toEqual([]);
  });

  it('keeps the use cases to their ports: no imports from adapters, HTTP, handlers or wiring', () => {
    // Prepare
    const application = functionsSource.filter((file) => file.path.startsWith('functions/application/'));

    // Assess
    expect(application.length).toBeGreaterThan(0);
    expect(offenders(application, layerImport(['adapters', 'http', 'handlers', 'wiring']))).toEqual([]);
  });

  it('keeps the domain to itself: it imports only its own modules and packages', () => {
    // Prepare
    const domain = functionsSource.filter((file) => file.path.startsWith('functions/domain/'));

    // Assess
    expect(offenders(domain, /from\s+['"]\.\.\//)).toEqual([]);
  });

  it('recognises an import across the layers it forbids', () => {
    // Assess
    const fromAdapters = layerImport(['adapters', 'http']);
    expect(fromAdapters.test("import type { Mailer } from '../adapters/email/ses-mailer';")).toBe(true);
    expect(fromAdapters.test("import { placementView } from '../http/views';")).toBe(true);
    expect(fromAdapters.test("import type { Mailer } from './ports';")).toBe(false);
    expect(/from\s+['"]\.\.\//.test("import { staffRoles } from '../../lib/manifest';")).toBe(true);
  });

  it('never reads process.env inside the DynamoDB adapter', () => {
    // Prepare
    const adapter = functionsSource.filter((file) => file.path.startsWith('functions/adapters/dynamodb/'));

    // Assess
    expect(offenders(adapter, /process\.env/)).toEqual([]);
  });
});
