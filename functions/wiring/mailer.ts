import { SESClient } from '@aws-sdk/client-ses';
import { sesMailer } from '../adapters/email/ses-mailer';
import { agency } from './agency';

/** SES, once per container, sending as the agency's configured address. */
export const mailer = sesMailer(new SESClient({}), agency.senderAddress);
