import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { checkBillingSignature } from '../../../functions/adapters/billing/webhook-signature';
import { isDocusignSignatureValid } from '../../../functions/adapters/docusign/connect-signature';
import { rawBodyBytes } from '../../../functions/http/request';

// Vectors computed outside the code under test (openssl dgst -sha256 -hmac …), then re-derived in-test.
const docusignBody = '{"event":"envelope-completed","data":{"envelopeId":"env-1"}}';
const docusignKey = 'connect-key-1';
const docusignVector = 'hElh454Qt5hGNsMQgtEGEKSsKBG2kq1qwH0Wuksfsl0=';
const docusignSign = (body: string, key: string) => createHmac('sha256', key).update(body).digest('base64');

const billingBody = '{"id":"evt_1","type":"checkout.session.completed"}';
const billingSecret = 'whsec_test';
const billingTimestamp = 1_700_000_000;
const billingVector = '749721cbedbfa4cc1aa6c9c2bec1edd93766a07906c9d9b3dbc7626e4e660caf';
const billingSign = (t: number, body: string, secret: string) => createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');
const at = (unixSeconds: number) => new Date(unixSeconds * 1000);

describe('DocuSign Connect signature', () => {
  it('accepts the fixed vector and the in-test derivation of it', () => {
    expect(docusignSign(docusignBody, docusignKey)).toBe(docusignVector);
    expect(isDocusignSignatureValid(docusignBody, { 'x-docusign-signature-1': docusignVector }, [docusignKey])).toBe(true);
  });

  it('refuses a signature made with another key', () => {
    const forged = docusignSign(docusignBody, 'someone-elses-key');
    expect(isDocusignSignatureValid(docusignBody, { 'x-docusign-signature-1': forged }, [docusignKey])).toBe(false);
  });

  it('refuses a body changed by one byte', () => {
    const tampered = docusignBody.replace('env-1', 'env-2');
    expect(isDocusignSignatureValid(tampered, { 'x-docusign-signature-1': docusignVector }, [docusignKey])).toBe(false);
  });

  it('refuses a request with no signature header', () => {
    expect(isDocusignSignatureValid(docusignBody, { 'content-type': 'application/json' }, [docusignKey])).toBe(false);
  });

  it('accepts when a later header matches (key rotation), whatever the header case', () => {
    const headers = { 'X-DocuSign-Signature-1': docusignSign(docusignBody, 'old-key'), 'X-DocuSign-Signature-2': docusignVector };
    expect(isDocusignSignatureValid(docusignBody, headers, [docusignKey])).toBe(true);
  });

  it('accepts the signature of either configured key', () => {
    expect(isDocusignSignatureValid(docusignBody, { 'x-docusign-signature-1': docusignVector }, ['new-key', docusignKey])).toBe(true);
  });
});

describe('billing (Stripe-format) signature', () => {
  const header = (...parts: string[]) => parts.join(',');

  it('accepts the fixed vector within the tolerance', () => {
    expect(billingSign(billingTimestamp, billingBody, billingSecret)).toBe(billingVector);
    const result = checkBillingSignature(billingBody, header(`t=${billingTimestamp}`, `v1=${billingVector}`), billingSecret, at(billingTimestamp + 299));
    expect(result).toEqual({ valid: true });
  });

  it('refuses a timestamp more than 300 s old by the service clock', () => {
    const result = checkBillingSignature(billingBody, header(`t=${billingTimestamp}`, `v1=${billingVector}`), billingSecret, at(billingTimestamp + 301));
    expect(result).toEqual({ valid: false, reason: 'stale' });
  });

  it('accepts several v1 values when one of them is valid', () => {
    const wrong = billingSign(billingTimestamp, billingBody, 'whsec_old');
    const result = checkBillingSignature(billingBody, header(`t=${billingTimestamp}`, `v1=${wrong}`, `v1=${billingVector}`), billingSecret, at(billingTimestamp));
    expect(result).toEqual({ valid: true });
  });

  it('ignores v0: a header with only v0 is refused even if v0 carries the right digest', () => {
    const result = checkBillingSignature(billingBody, header(`t=${billingTimestamp}`, `v0=${billingVector}`), billingSecret, at(billingTimestamp));
    expect(result).toEqual({ valid: false, reason: 'malformed' });
  });

  it('refuses a wrong secret, a tampered body and a missing header', () => {
    const forged = billingSign(billingTimestamp, billingBody, 'whsec_forged');
    expect(checkBillingSignature(billingBody, header(`t=${billingTimestamp}`, `v1=${forged}`), billingSecret, at(billingTimestamp))).toEqual({
      valid: false,
      reason: 'mismatch',
    });
    const tampered = billingBody.replace('evt_1', 'evt_2');
    expect(checkBillingSignature(tampered, header(`t=${billingTimestamp}`, `v1=${billingVector}`), billingSecret, at(billingTimestamp))).toEqual({
      valid: false,
      reason: 'mismatch',
    });
    expect(checkBillingSignature(billingBody, undefined, billingSecret, at(billingTimestamp))).toEqual({ valid: false, reason: 'missing' });
  });

  it('refuses a timestamp that was altered to look fresh', () => {
    const result = checkBillingSignature(billingBody, header(`t=${billingTimestamp + 1000}`, `v1=${billingVector}`), billingSecret, at(billingTimestamp + 1000));
    expect(result).toEqual({ valid: false, reason: 'mismatch' });
  });
});

describe('signatures over the raw bytes of the body', () => {
  // A body as API Gateway hands it over base64-encoded, holding a byte that is not UTF-8 (0xFF):
  // decoded to text it becomes U+FFFD, which is not what the provider signed.
  const bytes = Buffer.concat([Buffer.from('{"note":"', 'utf8'), Buffer.from([0xff]), Buffer.from('"}', 'utf8')]);
  const asDecodedText = bytes.toString('utf8');

  it('verifies a DocuSign signature made over bytes that are not UTF-8', () => {
    const signature = createHmac('sha256', docusignKey).update(bytes).digest('base64');

    expect(isDocusignSignatureValid(bytes, { 'x-docusign-signature-1': signature }, [docusignKey])).toBe(true);
    expect(isDocusignSignatureValid(asDecodedText, { 'x-docusign-signature-1': signature }, [docusignKey])).toBe(false);
  });

  it('verifies a billing signature made over bytes that are not UTF-8', () => {
    const v1 = createHmac('sha256', billingSecret).update(Buffer.concat([Buffer.from(`${billingTimestamp}.`), bytes])).digest('hex');
    const header = `t=${billingTimestamp},v1=${v1}`;

    expect(checkBillingSignature(bytes, header, billingSecret, at(billingTimestamp))).toEqual({ valid: true });
    expect(checkBillingSignature(asDecodedText, header, billingSecret, at(billingTimestamp))).toEqual({ valid: false, reason: 'mismatch' });
  });

  it('reads the bytes of a base64-encoded body as they were sent', () => {
    expect(rawBodyBytes({ body: bytes.toString('base64'), isBase64Encoded: true }).equals(bytes)).toBe(true);
    expect(rawBodyBytes({ body: 'plain', isBase64Encoded: false }).toString('utf8')).toBe('plain');
  });
});
