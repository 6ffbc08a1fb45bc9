import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import path from 'node:path';
import { buildConsoleAssets, type ConsoleAssets } from '../../console/build';
import { fontFiles, fontModulePath } from '../../functions/documents/font-files';
import { apiDocsViewerFiles, apiDocsViewerModulePath } from '../../functions/http/api-docs-viewer';
import { publicHolidayTable } from '../../functions/domain/agency-holidays';
import { functions, type FunctionSpec } from '../manifest';

export interface ProjectFunctionProps {
  spec: FunctionSpec;
  environment: Record<string, string>;
}

const repositoryRoot = path.resolve(import.meta.dirname, '..', '..');

/** Every handler the same way: Node.js 24 on arm64, bundled by esbuild with the SDK inside, source maps, 30-day logs, its own role. */
export class ProjectFunction extends NodejsFunction {
  constructor(scope: Construct, id: string, { spec, environment }: ProjectFunctionProps) {
    const logGroup = new LogGroup(scope, `${id}Logs`, {
      retention: RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    // Its own role, allowed to write only its own log group (instead of the AWS-managed basic role).
    const role = new Role(scope, `${id}Role`, { assumedBy: new ServicePrincipal('lambda.amazonaws.com') });
    logGroup.grantWrite(role);
    super(scope, id, {
      role,
      entry: path.join(repositoryRoot, spec.entry),
      handler: 'handler',
      description: spec.description,
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      memorySize: spec.memoryMb ?? 512,
      timeout: Duration.seconds(spec.timeoutSeconds ?? 10),
      logGroup,
      projectRoot: repositoryRoot,
      depsLockFilePath: path.join(repositoryRoot, 'package-lock.json'),
      environment: { NODE_OPTIONS: '--enable-source-maps', ...environment },
      bundling: {
        minify: true,
        sourceMap: true,
        target: 'node24',
        format: OutputFormat.ESM,
        mainFields: ['module', 'main'],
        // Some dependencies still call require(); give ESM bundles one.
        banner: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
        // Bundle the SDK too: the runtime's own copy is slower to load and not pinned.
        externalModules: [],
        // The agency's public holidays as a table, so that date-holidays (1.5 MB) stays out of the bundle.
        define: {
          __AGENCY_PUBLIC_HOLIDAYS__: JSON.stringify(JSON.stringify(holidaysForBundle(environment.AGENCY_HOLIDAYS))),
          // The console's script and style sheet, bundled at synth: its handler serves them from memory.
          ...(spec.entry === consoleEntry ? { __CONSOLE_ASSETS__: JSON.stringify(JSON.stringify(consoleAssets())) } : {}),
        },
        commandHooks: {
          beforeBundling: () => [],
          beforeInstall: () => [],
          afterBundling: (inputDir, outputDir) => [copyPdfFonts(inputDir, outputDir), ...(spec.entry === apiDocsEntry ? [copyApiDocsViewer(inputDir, outputDir)] : [])],
        },
      },
    });
  }
}

const apiDocsEntry = functions.apiDocs.entry;

/** Swagger UI's prebuilt files go beside the docs function's bundle as they are (esbuild never sees them), where its handler resolves them. */
function copyApiDocsViewer(inputDir: string, outputDir: string): string {
  const quote = (value: string) => `'${value.replace(/'/g, "'\\''")}'`;
  return Object.values(apiDocsViewerFiles)
    .map(({ fileName }) => {
      const target = path.posix.join(outputDir, 'node_modules', path.posix.dirname(apiDocsViewerModulePath(fileName)));
      return `mkdir -p ${quote(target)} && cp ${quote(path.posix.join(inputDir, 'node_modules', apiDocsViewerModulePath(fileName)))} ${quote(target)}`;
    })
    .join(' && ');
}

const consoleEntry = functions.staffConsole.entry;
let builtConsole: ConsoleAssets | undefined;
/** Built once per synth, however many stacks it makes. */
function consoleAssets(): ConsoleAssets {
  builtConsole ??= buildConsoleAssets();
  return builtConsole;
}

/** Years of holidays a bundle carries: last year's (late paperwork) to fifteen ahead (check-ins go on for years). */
const holidayYearsAhead = 15;

function holidaysForBundle(region = 'US') {
  const thisYear = new Date().getUTCFullYear();
  return publicHolidayTable(region, thisYear - 1, thisYear + holidayYearsAhead);
}

/**
 * The PDFs' font files go into the bundles that draw PDFs, and only those: a bundle holds the PDF
 * text code when it names the font packages. They keep their node_modules path, where that code
 * resolves them.
 */
function copyPdfFonts(inputDir: string, outputDir: string): string {
  const quote = (value: string) => `'${value.replace(/'/g, "'\\''")}'`;
  const copies = Object.values(fontFiles).map((file) => {
    const target = path.posix.join(outputDir, 'node_modules', path.posix.dirname(fontModulePath(file)));
    return `mkdir -p ${quote(target)} && cp ${quote(path.posix.join(inputDir, 'node_modules', fontModulePath(file)))} ${quote(target)}`;
  });
  return `if grep -q '@fontsource/' ${quote(path.posix.join(outputDir, 'index.mjs'))}; then ${copies.join(' && ')}; fi`;
}
