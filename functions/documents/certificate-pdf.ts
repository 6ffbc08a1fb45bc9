import { PDFDocument, rgb, StandardFonts, type PDFFont, type PDFPage, type RGB } from 'pdf-lib';
import QRCode from 'qrcode';
import type { AgencyBranding } from '../domain/agency-config';
import { readableOnWhite } from '../emails/format';
import { DocumentText } from './pdf-text';

export interface CertificateRecord {
  certificateId: string;
  veName: string;
  clientCompany: string;
  /** The day it was issued, as shown on it (agency calendar), e.g. "December 11, 2026". */
  issuedOn: string;
  issuedAt: string;
  verificationUrl: string;
  /** The agency that issues it, as configured when the PDF is drawn. */
  agency: Pick<AgencyBranding, 'name' | 'brandColour'>;
}

const pageWidth = 792;
const pageHeight = 612;

/** #rrggbb as a pdf-lib colour, darkened to read on white when the brand is pale. */
function inkOf(hex: string): RGB {
  const readable = readableOnWhite(hex);
  const [r = 0, g = 0, b = 0] = [1, 3, 5].map((at) => Number.parseInt(readable.slice(at, at + 2), 16) / 255);
  return rgb(r, g, b);
}

/**
 * The verification URL as a QR code of dark squares, `size` points wide with its lower left corner at
 * (x, y). Vector, so it prints sharp at any size; each row's dark runs are one rectangle.
 */
function drawQrCode(page: PDFPage, url: string, x: number, y: number, size: number, color: RGB): void {
  const { modules } = QRCode.create(url, { errorCorrectionLevel: 'M' });
  const count = modules.size;
  const module = size / count;
  for (let row = 0; row < count; row += 1) {
    let column = 0;
    while (column < count) {
      if (!modules.get(row, column)) {
        column += 1;
        continue;
      }
      const start = column;
      while (column < count && modules.get(row, column)) column += 1;
      page.drawRectangle({ x: x + start * module, y: y + size - (row + 1) * module, width: (column - start) * module, height: module, color });
    }
  }
}

/**
 * The certificate as a one-page PDF. Everything on it comes from the stored record and the document
 * dates are the issue instant, so the same record always gives the same bytes (it can be re-sent).
 */
export async function certificatePdf(record: CertificateRecord): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const issued = new Date(record.issuedAt);
  pdf.setTitle(`Certificate ${record.certificateId}`);
  pdf.setAuthor(record.agency.name);
  pdf.setSubject(`Certification of ${record.veName}`);
  pdf.setProducer('VE Certification');
  pdf.setCreator('VE Certification');
  pdf.setCreationDate(issued);
  pdf.setModificationDate(issued);

  const page = pdf.addPage([pageWidth, pageHeight]);
  const serif = await pdf.embedFont(StandardFonts.TimesRoman);
  const serifBold = await pdf.embedFont(StandardFonts.TimesRomanBold);
  const sans = await pdf.embedFont(StandardFonts.Helvetica);
  const brand = inkOf(record.agency.brandColour);
  const ink = rgb(0.13, 0.13, 0.13);
  const grey = rgb(0.35, 0.35, 0.35);
  // The names may be in any script: each line is laid out first, then placed on its width.
  const text = new DocumentText(pdf);
  const lineOf = (parts: string[], size: number, font: PDFFont = serif, color = ink) => text.line(parts, { size, font, color, bold: font === serifBold });
  // A long name (an agency's may be 120 characters) is set smaller rather than run over the frame or the QR code.
  const fitted = async (parts: string[], size: number, maxWidth: number, font: PDFFont = serif, color = ink) => {
    const line = await lineOf(parts, size, font, color);
    return line.width <= maxWidth ? line : lineOf(parts, Math.max(6, (size * maxWidth) / line.width), font, color);
  };
  const centered = async (parts: string[], y: number, size: number, font: PDFFont = serif, color = ink) => {
    const line = await fitted(parts, size, pageWidth - 120, font, color);
    line.drawOn(page, (pageWidth - line.width) / 2, y);
  };

  page.drawRectangle({ x: 24, y: 24, width: 744, height: 564, borderColor: brand, borderWidth: 3 });
  page.drawRectangle({ x: 34, y: 34, width: 724, height: 544, borderColor: brand, borderWidth: 0.75 });
  await centered([record.agency.name], 530, 20, serifBold, brand);
  await centered(['Certificate of Completion'], 470, 34, serifBold, brand);
  await centered(['This certifies that'], 425, 16);
  await centered([record.veName], 378, 32, serifBold);
  await centered(['has completed the Virtual Employee certification'], 336, 16);
  await centered(['and is certified to serve ', record.clientCompany], 312, 16);
  await centered([`Issued ${record.issuedOn}`], 272, 14);

  // Bottom left: where the agency signs.
  const signatureLeft = 80;
  const signatureWidth = 250;
  page.drawLine({ start: { x: signatureLeft, y: 140 }, end: { x: signatureLeft + signatureWidth, y: 140 }, thickness: 0.75, color: ink });
  (await fitted(['for ', record.agency.name], 12, 380)).drawOn(page, signatureLeft, 124);
  (await lineOf([`Certificate ${record.certificateId}`], 9, sans, grey)).drawOn(page, signatureLeft, 84);

  // Bottom right: the QR code a phone opens the verification page with, the same address printed under it.
  const qrSize = 104;
  const urlLine = await fitted([record.verificationUrl], 7.5, 300, sans, grey);
  const qrCentre = Math.min(pageWidth - 130, pageWidth - 48 - urlLine.width / 2);
  drawQrCode(page, record.verificationUrl, qrCentre - qrSize / 2, 84, qrSize, ink);
  const caption = await lineOf(['Scan or visit to verify'], 8, sans, grey);
  caption.drawOn(page, qrCentre - caption.width / 2, 196);
  urlLine.drawOn(page, qrCentre - urlLine.width / 2, 70);

  return pdf.save({ useObjectStreams: false });
}
