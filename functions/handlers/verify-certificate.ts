import { DateTime } from 'luxon';
import { verifyCertificate } from '../application/certificates';
import { InvalidInput, NotFound } from '../domain/errors';
import { apiContract } from '../http/api-contract';
import { httpHandler } from '../http/http-handler';
import type { Page } from '../http/pages';
import { prefersJson, validate } from '../http/request';
import { htmlPage, json } from '../http/respond';
import { agency } from '../wiring/agency';
import { placements } from '../wiring/placements';

const contract = apiContract['GET /certificates/{id}'];

/** A calendar day as the certificate prints it: April 12, 2030. */
const asPrinted = (day: string) => DateTime.fromISO(day, { zone: 'utc' }).toFormat('LLLL d, yyyy');

// Not cached: a revocation must show at once.
const fresh = { 'cache-control': 'no-cache' };

type Verification = Awaited<ReturnType<typeof verifyCertificate>>;

/** The page a person reads: the verdict first, then only what the certificate itself prints. */
function verificationPage(verified: Verification): Page {
  return {
    status: 200,
    title: 'Certificate verification',
    verdict:
      verified.status === 'VALID'
        ? { tone: 'good', text: 'VALID: this certificate is genuine and stands.' }
        : { tone: 'bad', text: `REVOKED on ${asPrinted(verified.revokedOn)}: this certificate no longer stands.` },
    facts: [
      ['Virtual Employee', verified.veName],
      ['Certified for', verified.clientCompany],
      ['Issued on', asPrinted(verified.issuedOn)],
      ['Certificate', verified.certificateId],
    ],
    paragraphs: [`${agency.branding.name} issued this certificate when the VE passed the certification week and its exam.`],
    help: 'Questions about a certificate? Our Customer Service Team will answer',
  };
}

const noSuchCertificate: Page = {
  status: 404,
  title: 'Certificate verification',
  verdict: { tone: 'bad', text: 'We issued no certificate with this id.' },
  paragraphs: ['Please check the id against the certificate, or scan its QR code again. A certificate we issued always shows here.'],
  help: 'To ask about a certificate, contact our Customer Service Team',
};

/** The verification page for a person (from the QR code or the link on the PDF), the same facts as JSON for a program. */
export const handler = httpHandler(
  async (event) => {
    const forProgram = prefersJson(event);
    try {
      // For a person, an id that could never be one (too long) is simply not ours.
      const { id } = validate(contract.pathParameters, event.pathParameters ?? {}, 'path');
      const verified = await verifyCertificate(placements, id, agency);
      return forProgram ? json(200, verified, fresh) : htmlPage(agency, verificationPage(verified), fresh);
    } catch (error) {
      if (!(error instanceof NotFound || error instanceof InvalidInput) || forProgram) throw error;
      return htmlPage(agency, noSuchCertificate);
    }
  },
  { errorPages: { agency, to: 'unlessJsonAsked' } },
);
