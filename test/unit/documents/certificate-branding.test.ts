import jsQR from 'jsqr';
import { PDFParse } from 'pdf-parse';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { certificatePdf, type CertificateRecord } from '../../../functions/documents/certificate-pdf';

const verificationUrl = 'https://certification.agency.example.com/certificates/01JCERT0000000000000000000';

const record = (overrides: Partial<CertificateRecord> = {}): CertificateRecord => ({
  certificateId: '01JCERT0000000000000000000',
  veName: 'Maria Santos',
  clientCompany: 'Smith & Sons Logistics',
  issuedOn: 'December 11, 2026',
  issuedAt: '2026-12-11T21:00:00.000Z',
  verificationUrl,
  agency: { name: 'Northwind Virtual Staffing', brandColour: '#1f5f8b' },
  ...overrides,
});

const textOf = async (pdf: Uint8Array) => (await new PDFParse({ data: pdf.slice() }).getText()).text;

/** The certificate's page rendered by pdf.js, not by the library that drew it. */
async function pageImage(pdf: Uint8Array, scale: number): Promise<PNG> {
  const parser = new PDFParse({ data: pdf.slice() });
  const shot = await parser.getScreenshot({ scale, imageDataUrl: false });
  await parser.destroy();
  const page = shot.pages[0];
  if (page === undefined) throw new Error('the certificate has no page');
  return PNG.sync.read(Buffer.from(page.data));
}

/** The certificate's page as a phone camera would read it: the QR codes found on the rendered page. */
async function qrCodesOn(pdf: Uint8Array, scale: number): Promise<string[]> {
  const image = await pageImage(pdf, scale);
  const found = jsQR(new Uint8ClampedArray(image.data), image.width, image.height);
  return found === null ? [] : [found.data];
}

/** The colour of the outer frame's left edge, halfway up the page. */
async function frameColourOf(pdf: Uint8Array): Promise<number[]> {
  const image = await pageImage(pdf, 2);
  const at = (image.width * Math.round(image.height / 2) + 48) * 4;
  return [...image.data.subarray(at, at + 3)];
}

function contrastOnWhite([r = 0, g = 0, b = 0]: number[]): number {
  const linear = (channel: number) => {
    const c = channel / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 1.05 / (0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b) + 0.05);
}

describe('the certificate’s QR code', () => {
  it.each([1, 2])('decodes to exactly the certificate’s verification URL (rendered at %ix)', async (scale) => {
    // Arrange
    const pdf = await certificatePdf(record());

    // Act
    const decoded = await qrCodesOn(pdf, scale);

    // Assess
    expect(decoded).toEqual([verificationUrl]);
  });

  it('follows the certificate: another id gives another code', async () => {
    const other = 'https://certification.agency.example.com/certificates/01JCERTOTHER00000000000000';

    const decoded = await qrCodesOn(await certificatePdf(record({ certificateId: '01JCERTOTHER00000000000000', verificationUrl: other })), 2);

    expect(decoded).toEqual([other]);
  });

  it('has the URL printed under it, for a reader without a camera', async () => {
    expect(await textOf(await certificatePdf(record()))).toContain(verificationUrl);
  });
});

describe('the agency on the certificate', () => {
  it('names the agency at the top and signs for it', async () => {
    const text = await textOf(await certificatePdf(record()));

    expect(text).toContain('Northwind Virtual Staffing');
    expect(text).toContain('for Northwind Virtual Staffing');
    expect(text.indexOf('Northwind Virtual Staffing')).toBeLessThan(text.indexOf('Certificate of Completion'));
  });

  it('signs for an agency whose name is not in Latin letters', async () => {
    const text = await textOf(await certificatePdf(record({ agency: { name: 'Ελληνική Στελέχωση', brandColour: '#1f5f8b' } })));

    expect(text).toContain('for Ελληνική Στελέχωση');
  });

  it('draws the frame in the brand colour, darkened when the brand is too pale to read on white', async () => {
    const navy = await frameColourOf(await certificatePdf(record({ agency: { name: 'Northwind', brandColour: '#1f5f8b' } })));
    const pale = await frameColourOf(await certificatePdf(record({ agency: { name: 'Northwind', brandColour: '#ffe680' } })));

    expect(navy.map((channel) => Math.round(channel / 8))).toEqual([0x1f, 0x5f, 0x8b].map((channel) => Math.round(channel / 8)));
    expect(contrastOnWhite(pale)).toBeGreaterThanOrEqual(4.5);
    // Still the brand's hue: yellow stays more red than blue.
    const [red = 0, , blue = 0] = pale;
    expect(red).toBeGreaterThan(blue);
  });
});
