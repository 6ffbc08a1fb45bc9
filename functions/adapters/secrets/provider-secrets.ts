import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';

/**
 * A provider secret by its env name (e.g. `DOCUSIGN_HMAC_KEY`): the value itself when the env holds it
 * (the local runtime), otherwise read once from Secrets Manager via `<NAME>_SECRET_ARN` (AWS) and cached
 * for the life of the container.
 */
export function providerSecret(name: string, env: Record<string, string | undefined> = process.env): () => Promise<string> {
  let cached: Promise<string> | undefined;
  return () => {
    cached ??= read(name, env).catch((error: unknown) => {
      cached = undefined;
      throw error;
    });
    return cached;
  };
}

let client: SecretsManagerClient | undefined;

async function read(name: string, env: Record<string, string | undefined>): Promise<string> {
  const direct = env[name];
  if (direct) return direct;
  const secretId = env[`${name}_SECRET_ARN`];
  if (!secretId) throw new Error(`Neither ${name} nor ${name}_SECRET_ARN is set.`);
  client ??= new SecretsManagerClient({});
  const { SecretString } = await client.send(new GetSecretValueCommand({ SecretId: secretId }));
  if (!SecretString) throw new Error(`Secret ${name} has no value yet: put the provider's value into it.`);
  return SecretString;
}
