import { docusignEventSchema, handleContractEvent } from '../application/provider-events';
import { isDocusignSignatureValid } from '../adapters/docusign/connect-signature';
import { providerSecret } from '../adapters/secrets/provider-secrets';
import { Unauthorized } from '../domain/errors';
import { httpHandler } from '../http/http-handler';
import { parseJson, rawBodyBytes, validate } from '../http/request';
import { json } from '../http/respond';
import { providerEventDeps } from '../wiring/provider-events';

/** One or more Connect keys (comma or newline separated) so a key can be rotated without downtime. */
const connectKeys = providerSecret('DOCUSIGN_HMAC_KEY');

export const handler = httpHandler(async (event) => {
  const bytes = rawBodyBytes(event);
  const keys = (await connectKeys()).split(/[\s,]+/).filter((key) => key.length > 0);
  if (!isDocusignSignatureValid(bytes, event.headers ?? {}, keys)) {
    throw new Unauthorized('The X-DocuSign-Signature header is missing or does not match the body.');
  }
  const connectEvent = validate(docusignEventSchema, parseJson(bytes.toString('utf8')), 'DocuSign Connect event');
  const outcome = await handleContractEvent(await providerEventDeps(), connectEvent);
  return json(200, { received: true, outcome });
});
