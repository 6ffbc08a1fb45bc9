import { createHmac } from 'node:crypto';
import type { ClientLinkKeys } from '../../application/ports';

/**
 * Each placement's link key is derived, never stored: HMAC-SHA256 of the placement id under the
 * agency's client-link secret, base64url. A copy of the table opens no client's links; rotating the
 * secret retires every link at once.
 */
export function derivedClientLinkKeys(secret: string): ClientLinkKeys {
  if (secret.length < 16) throw new Error('The client-link secret must be at least 16 characters.');
  return { keyFor: (placementId) => createHmac('sha256', secret).update(`client-link:${placementId}`, 'utf8').digest('base64url') };
}
