import { SESClient } from '@aws-sdk/client-ses';
import { sesPlainMailer } from '../adapters/email/ses-plain-mailer';
import { agency } from './agency';

/** SES, once per container, sending as the agency's configured address; emails without attachments only. */
export const mailer = sesPlainMailer(new SESClient({}), agency.senderAddress);
