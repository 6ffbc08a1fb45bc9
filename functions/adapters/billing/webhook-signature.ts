import { createHmac, timingSafeEqual } from 'node:crypto';

/** Events signed longer ago than this are refused as possible replays (Stripe's own default tolerance). */
export const signatureToleranceSeconds = 300;

export type BillingSignatureCheck = { valid: true } | { valid: false; reason: 'missing' | 'malformed' | 'stale' | 'mismatch' };

/** Signatures are over the bytes as sent: text is taken as its UTF-8 encoding. */
const bodyBytes = (body: Buffer | string) => (typeof body === 'string' ? Buffer.from(body, 'utf8') : body);

/**
 * Stripe-format `Stripe-Signature: t=<unix>,v1=<hex>[,v1=<hex>…]`: v1 = hex HMAC-SHA256 of `"<t>.<raw body>"`.
 * Only v1 counts (v0 and other schemes are ignored); any v1 may match, for secret rotation.
 */
export function checkBillingSignature(rawBody: Buffer | string, header: string | undefined, secret: string, now: Date): BillingSignatureCheck {
  if (!header) return { valid: false, reason: 'missing' };
  const parts = header.split(',').map((part) => part.trim().split('='));
  const timestamp = parts.find(([scheme]) => scheme === 't')?.[1];
  const candidates = parts.filter(([scheme, value]) => scheme === 'v1' && value).map(([, value]) => value as string);
  if (!timestamp || !/^\d+$/.test(timestamp) || candidates.length === 0) return { valid: false, reason: 'malformed' };
  const expected = createHmac('sha256', secret).update(`${timestamp}.`, 'utf8').update(bodyBytes(rawBody)).digest();
  const matches = candidates.some((candidate) => {
    const signature = Buffer.from(candidate, 'hex');
    return signature.length === expected.length && timingSafeEqual(signature, expected);
  });
  if (!matches) return { valid: false, reason: 'mismatch' };
  if (Math.abs(now.getTime() / 1000 - Number(timestamp)) > signatureToleranceSeconds) return { valid: false, reason: 'stale' };
  return { valid: true };
}
