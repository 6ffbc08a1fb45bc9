import { generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { agencyRuleEnvironment, readDeployConfig, type DeployConfig } from '../lib/deploy-config';
import { secrets, type SecretName } from '../lib/manifest';
import { localRegion } from './arns';
import { repositoryRoot } from './paths';

export const localTableName = 've-certification';

/** Documented local values of the secrets (README); each can be overridden by its env variable. */
export const localSecretDefaults: Record<SecretName, string> = {
  docusignConnectKey: 'local-docusign-connect-key',
  billingWebhookSecret: 'whsec_local_billing_webhook_secret',
  // Generated per run with a fresh RSA key (see localDocusignCredentials): the JWT grant needs a real key.
  docusignApi: '',
  billingApi: 'sk_test_local_billing_api_key',
  clientLinkSecret: 'local-client-link-secret-0123456789',
};
export const defaultStaffToken = 'local-admin-token';

export interface LocalEndpoints {
  dynamodb: string;
  ses: string;
  stepfunctions: string;
  sandbox: { docusign: string; billing: string };
}

const cdkJsonSchema = z.object({ context: z.record(z.string(), z.unknown()) });

/** The deployment values of cdk.json, so local emails carry the same addresses and timezone as production. */
export function readLocalDeployConfig(): DeployConfig {
  const cdkJson = cdkJsonSchema.parse(JSON.parse(readFileSync(path.join(repositoryRoot, 'cdk.json'), 'utf8')));
  return readDeployConfig((key) => cdkJson.context[key]);
}

export function secretValue(name: SecretName): string {
  return process.env[secrets[name].localEnv] ?? localSecretDefaults[name];
}

let generatedDocusignCredentials: string | undefined;

/**
 * DocuSign JWT-grant credentials for the sandbox: a key pair made for this run, the OAuth host being
 * the sandbox itself, which checks the assertion's signature with the public half.
 */
export function localDocusignCredentials(docusignSandboxUrl: string): string {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return JSON.stringify({
    accountId: 'local-account',
    integrationKey: 'local-integration-key',
    userId: 'local-user',
    privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    oauthBaseUrl: docusignSandboxUrl,
  });
}

export function staffToken(): string {
  return process.env.STAFF_TOKEN ?? defaultStaffToken;
}

/**
 * The env every handler reads, set before any handler module is imported: the same variables the
 * stack sets on each Lambda, local endpoints through the SDK's service-specific endpoint variables,
 * fake credentials. Endpoints and names are forced; configuration and secrets keep values already
 * in the env, so a developer can override them.
 */
export function applyLocalEnvironment(options: { endpoints: LocalEndpoints; stateMachineArn: string; publicBaseUrl: string }): void {
  const config = readLocalDeployConfig();
  const env = process.env;
  env.AWS_ACCESS_KEY_ID = 'local';
  env.AWS_SECRET_ACCESS_KEY = 'local';
  delete env.AWS_SESSION_TOKEN;
  delete env.AWS_PROFILE;
  env.AWS_REGION = localRegion;
  env.AWS_DEFAULT_REGION = localRegion;
  env.AWS_ENDPOINT_URL_DYNAMODB = options.endpoints.dynamodb;
  env.AWS_ENDPOINT_URL_SES = options.endpoints.ses;
  env.AWS_ENDPOINT_URL_SFN = options.endpoints.stepfunctions;
  env.TABLE_NAME = localTableName;
  env.STATE_MACHINE_ARN = options.stateMachineArn;
  env.PUBLIC_BASE_URL = options.publicBaseUrl;
  env.DOCUSIGN_BASE_URL = options.endpoints.sandbox.docusign;
  env.BILLING_BASE_URL = options.endpoints.sandbox.billing;
  env.AGENCY_TIMEZONE ??= config.agencyTimezone;
  env.SENDER_ADDRESS ??= config.senderAddress;
  env.CUSTOMER_SERVICE_EMAIL ??= config.customerServiceEmail;
  env.MENTOR_TEAM_EMAIL ??= config.mentorTeamEmail;
  env.PROCTORS_EMAIL ??= config.proctorsEmail;
  // The optional rules (holidays, closures, times) as the stack passes them, when cdk.json gives them.
  for (const [name, value] of Object.entries(agencyRuleEnvironment(config))) env[name] ??= value;
  if (!env.DOCUSIGN_API_CREDENTIALS || env.DOCUSIGN_API_CREDENTIALS === generatedDocusignCredentials) {
    generatedDocusignCredentials = localDocusignCredentials(options.endpoints.sandbox.docusign);
    env.DOCUSIGN_API_CREDENTIALS = generatedDocusignCredentials;
  }
  for (const name of Object.keys(secrets) as SecretName[]) env[secrets[name].localEnv] = secretValue(name);
  env.STAFF_TOKEN = staffToken();
}
