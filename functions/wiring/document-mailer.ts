import { SESClient } from '@aws-sdk/client-ses';
import { sesMailer } from '../adapters/email/ses-mailer';
import { agency } from './agency';

/** The document function's SES: raw MIME, so a letter can carry its PDF. */
export const documentMailer = sesMailer(new SESClient({}), agency.senderAddress);
