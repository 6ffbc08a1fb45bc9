import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import path from 'node:path';
import type * as Esbuild from 'esbuild';

/** A file of the console's bundle, served at `/console/assets/{name}`: its name changes with its content, so it may be cached for good. */
export interface ConsoleAsset {
  name: string;
  contentType: string;
  body: string;
}

export interface ConsoleAssets {
  script: ConsoleAsset;
  style: ConsoleAsset;
}

const appDirectory = path.resolve(import.meta.dirname, 'app');

const contentName = (stem: string, extension: string, body: string) =>
  `${stem}.${createHash('sha256').update(body, 'utf8').digest('hex').slice(0, 12)}.${extension}`;

/**
 * Bundles the single-page app (Preact + htm) and its style sheet with esbuild, in memory. Run at synth
 * for the Lambda bundle (which carries the result and no esbuild), and on first use locally.
 */
export function buildConsoleAssets(): ConsoleAssets {
  // Through require, not import: the console's Lambda bundle must not carry esbuild.
  const esbuild = createRequire(import.meta.url)('esbuild') as typeof Esbuild;
  const result = esbuild.buildSync({
    entryPoints: [path.join(appDirectory, 'main.ts'), path.join(appDirectory, 'styles.css')],
    bundle: true,
    minify: true,
    format: 'esm',
    target: 'es2022',
    platform: 'browser',
    outdir: 'out',
    write: false,
    legalComments: 'none',
    logLevel: 'silent',
  });
  const output = (extension: string) => {
    const file = result.outputFiles.find((candidate) => candidate.path.endsWith(`.${extension}`));
    if (file === undefined) throw new Error(`The console bundle has no .${extension} file`);
    return file.text;
  };
  const script = output('js');
  const style = output('css');
  return {
    script: { name: contentName('app', 'js', script), contentType: 'text/javascript; charset=utf-8', body: script },
    style: { name: contentName('app', 'css', style), contentType: 'text/css; charset=utf-8', body: style },
  };
}
