import { derivedClientLinkKeys } from '../adapters/secrets/client-link-keys';
import { providerSecret } from '../adapters/secrets/provider-secrets';

const secret = providerSecret('CLIENT_LINK_SECRET');

/** The keys of the clients' links, once the secret is read (once per container). */
export async function clientLinkKeys() {
  return derivedClientLinkKeys(await secret());
}
