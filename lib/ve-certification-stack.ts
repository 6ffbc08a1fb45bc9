import { CfnOutput, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import { Effect, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { OperationalAlarms } from './constructs/alarms';
import { CertificationApi } from './constructs/certification-api';
import { CertificationTable } from './constructs/certification-table';
import { PlacementWorkflow } from './constructs/placement-workflow';
import { ProjectFunction } from './constructs/project-function';
import { CohortSchedules } from './constructs/schedules';
import { agencyRuleEnvironment, type DeployConfig } from './deploy-config';
import { functions as functionSpecs, secrets as secretSpecs, type FunctionName, type FunctionSpec, type SecretName } from './manifest';

export interface VeCertificationStackProps extends StackProps {
  config: DeployConfig;
}

/** The whole production system, built from the manifest. */
export class VeCertificationStack extends Stack {
  constructor(scope: Construct, id: string, { config, ...props }: VeCertificationStackProps) {
    super(scope, id, props);
    const data = new CertificationTable(this, 'Data');
    const { table } = data;

    const secrets = Object.fromEntries(
      Object.entries(secretSpecs).map(([name, spec]) => {
        const secret = new Secret(this, `${name}Secret`, { description: spec.description });
        Validations.of(secret).acknowledge({
          id: 'AwsSolutions::AwsSolutions-SMG4',
          reason: 'Issued by the provider (DocuSign, billing); rotated in the provider console, then stored here by the operator.',
        });
        return [name, secret];
      }),
    ) as Record<SecretName, Secret>;

    const sharedEnvironment = {
      TABLE_NAME: table.tableName,
      AGENCY_TIMEZONE: config.agencyTimezone,
      SENDER_ADDRESS: config.senderAddress,
      CUSTOMER_SERVICE_EMAIL: config.customerServiceEmail,
      MENTOR_TEAM_EMAIL: config.mentorTeamEmail,
      PROCTORS_EMAIL: config.proctorsEmail,
      PUBLIC_BASE_URL: config.publicBaseUrl,
      DOCUSIGN_BASE_URL: config.docusignBaseUrl,
      BILLING_BASE_URL: config.billingBaseUrl,
      ...agencyRuleEnvironment(config),
    };
    const sesIdentityArn = this.formatArn({ service: 'ses', resource: 'identity', resourceName: config.sesIdentity });

    const specs: Record<FunctionName, FunctionSpec> = functionSpecs;
    const functions = {} as Record<FunctionName, ProjectFunction>;
    for (const [name, spec] of Object.entries(specs) as [FunctionName, FunctionSpec][]) {
      const secretEnvironment = Object.fromEntries(
        (spec.secrets ?? []).map((secret) => [`${secretSpecs[secret].localEnv}_SECRET_ARN`, secrets[secret].secretArn]),
      );
      const fn = new ProjectFunction(this, name, { spec, environment: { ...sharedEnvironment, ...secretEnvironment } });
      data.grantTo(fn, spec.tableActions ?? [], spec.tableItems);
      if (spec.sendsEmail) {
        fn.addToRolePolicy(
          new PolicyStatement({
            effect: Effect.ALLOW,
            actions: ['ses:SendEmail', 'ses:SendRawEmail'],
            resources: [sesIdentityArn],
            conditions: { StringEquals: { 'ses:FromAddress': config.senderAddress } },
          }),
        );
      }
      for (const secret of spec.secrets ?? []) secrets[secret].grantRead(fn);
      functions[name] = fn;
    }

    const workflow = new PlacementWorkflow(this, 'Workflow', { functions });
    const { stateMachine } = workflow;
    for (const [name, spec] of Object.entries(specs) as [FunctionName, FunctionSpec][]) {
      workflow.grantTo(functions[name], spec.workflow ?? []);
    }

    const { api } = new CertificationApi(this, 'Api', { functions });
    const schedules = new CohortSchedules(this, 'Schedules', { functions, stateMachineArns: { placementLifecycle: workflow.stateMachineArn } });
    new OperationalAlarms(this, 'Alarms', {
      functions: functions as Record<string, IFunction>,
      stateMachine,
      deadLetterQueue: schedules.deadLetterQueue,
      alarmEmail: config.alarmEmail,
    });

    new CfnOutput(this, 'ApiUrl', { value: api.apiEndpoint, description: 'Base URL of the staff API and webhooks' });
    new CfnOutput(this, 'StateMachineArn', { value: stateMachine.stateMachineArn });
    new CfnOutput(this, 'TableName', { value: table.tableName });
  }
}
