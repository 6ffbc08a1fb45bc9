import { App, Stack } from 'aws-cdk-lib';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { ProjectFunction } from '../../lib/constructs/project-function';
import { functions } from '../../lib/manifest';
import { apiDocsViewerFiles, apiDocsViewerModulePath } from '../../functions/http/api-docs-viewer';

// The docs function's Lambda bundle: Swagger UI's prebuilt files sit beside it as the package ships
// them (copied, not re-bundled by esbuild), and the bundled handler serves them from there.

const repositoryRoot = path.resolve(import.meta.dirname, '..', '..');
const environment = {
  AGENCY_TIMEZONE: 'America/Chicago',
  SENDER_ADDRESS: 'certification@agency.example',
  CUSTOMER_SERVICE_EMAIL: 'customer-service@agency.example',
  MENTOR_TEAM_EMAIL: 'mentors@agency.example',
  PROCTORS_EMAIL: 'proctors@agency.example',
  PUBLIC_BASE_URL: 'https://api.agency.example',
};
let bundleDirectory: string;

beforeAll(() => {
  const app = new App();
  new ProjectFunction(new Stack(app, 'Docs'), 'apiDocs', { spec: functions.apiDocs, environment });
  const outdir = app.synth().directory;
  const assets = readdirSync(outdir).filter((entry) => entry.startsWith('asset.') && existsSync(path.join(outdir, entry, 'index.mjs')));
  expect(assets).toHaveLength(1);
  bundleDirectory = path.join(outdir, assets[0] ?? '');
}, 120_000);

describe("the docs function's bundle", () => {
  it("holds the viewer's files as the package ships them, outside the handler's code", () => {
    for (const { fileName } of Object.values(apiDocsViewerFiles)) {
      const copy = path.join(bundleDirectory, 'node_modules', apiDocsViewerModulePath(fileName));
      expect(readFileSync(copy).equals(readFileSync(path.join(repositoryRoot, 'node_modules', apiDocsViewerModulePath(fileName))))).toBe(true);
    }
    const handlerCode = path.join(bundleDirectory, 'index.mjs');
    expect(readFileSync(handlerCode, 'utf8')).not.toContain('SwaggerUIBundle=');
    expect(statSync(handlerCode).size).toBeLessThan(statSync(path.join(bundleDirectory, 'node_modules', apiDocsViewerModulePath(apiDocsViewerFiles.script.fileName))).size / 2);
  });

  it("serves /docs and the viewer's script from the bundle, as Lambda would run it", () => {
    const script = `
      const { handler } = await import(${JSON.stringify(pathToFileURL(path.join(bundleDirectory, 'index.mjs')).href)});
      const call = (rawPath, file) => handler({ rawPath, headers: {}, pathParameters: file === undefined ? undefined : { file }, requestContext: { http: { method: 'GET' } } }, { awsRequestId: 'test' });
      const page = await call('/docs');
      const name = /src="docs\\/assets\\/(swagger-ui-bundle[^"]+)"/.exec(page.body)[1];
      const asset = await call('/docs/assets/' + name, name);
      console.log(JSON.stringify({ page: page.statusCode, asset: asset.statusCode, type: asset.headers['content-type'], bytes: Buffer.byteLength(asset.body) }));
    `;
    const output = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
      cwd: bundleDirectory,
      env: { ...process.env, ...environment, LOG_LEVEL: 'ERROR' },
      encoding: 'utf8',
    });

    const answer = JSON.parse(output.trim().split('\n').at(-1) ?? '{}') as Record<string, unknown>;
    expect(answer).toEqual({
      page: 200,
      asset: 200,
      type: 'text/javascript; charset=utf-8',
      bytes: statSync(path.join(repositoryRoot, 'node_modules', apiDocsViewerModulePath(apiDocsViewerFiles.script.fileName))).size,
    });
  });
});
