import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { readDeployConfig } from '../lib/deploy-config';
import { VeCertificationStack } from '../lib/ve-certification-stack';

const app = new App();
new VeCertificationStack(app, 'VeCertification', {
  config: readDeployConfig((key) => app.node.tryGetContext(key)),
  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
});
Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
