import { App, Validations } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { readDeployConfig } from '../../lib/deploy-config';
import { VeCertificationStack } from '../../lib/ve-certification-stack';

const repositoryRoot = path.resolve(import.meta.dirname, '..', '..');
const cdkJson = z.object({ context: z.record(z.string(), z.unknown()) });

/** The context a deployment gets from cdk.json, so tests synthesize what `cdk synth` would. */
export function cdkJsonContext(): Record<string, unknown> {
  return cdkJson.parse(JSON.parse(readFileSync(path.join(repositoryRoot, 'cdk.json'), 'utf8'))).context;
}

/** Synthesizes the production stack as bin/app.ts does, with the AwsSolutions checks on (a finding fails synth). */
export function synthesizeProductionStack(): { template: Template; stack: VeCertificationStack } {
  const app = new App({ context: cdkJsonContext() });
  const stack = new VeCertificationStack(app, 'VeCertification', {
    config: readDeployConfig((key) => app.node.tryGetContext(key)),
  });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { template: Template.fromStack(stack), stack };
}
