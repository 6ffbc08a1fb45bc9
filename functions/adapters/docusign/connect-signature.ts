import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * DocuSign Connect HMAC: base64(HMAC-SHA256(the body's bytes as sent, key)) in `X-DocuSign-Signature-1`…`-N`.
 * Any header may match, so a key can be rotated while both are configured.
 */
export function isDocusignSignatureValid(rawBody: Buffer | string, headers: Record<string, string | undefined>, keys: readonly string[]): boolean {
  const signatures = Object.entries(headers)
    .filter(([name, value]) => /^x-docusign-signature-\d+$/i.test(name) && typeof value === 'string')
    .map(([, value]) => Buffer.from(value as string, 'base64'));
  if (signatures.length === 0) return false;
  return keys.some((key) => {
    const expected = createHmac('sha256', key).update(typeof rawBody === 'string' ? Buffer.from(rawBody, 'utf8') : rawBody).digest();
    return signatures.some((signature) => signature.length === expected.length && timingSafeEqual(signature, expected));
  });
}
