import { PDFDocument, rgb, StandardFonts, type PDFFont } from 'pdf-lib';
import { DocumentText } from './pdf-text';

export interface CertificateRecord {
  certificateId: string;
  veName: string;
  clientCompany: string;
  /** The day it was issued, as shown on it (agency calendar), e.g. "December 11, 2026". */
  issuedOn: string;
  issuedAt: string;
  verificationUrl: string;
}

/**
 * The certificate as a one-page PDF. Everything on it comes from the stored record and the document
 * dates are the issue instant, so the same record always gives the same bytes (it can be re-sent).
 */
export async function certificatePdf(record: CertificateRecord): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const issued = new Date(record.issuedAt);
  pdf.setTitle(`Certificate ${record.certificateId}`);
  pdf.setAuthor('VE Certification');
  pdf.setSubject(`Certification of ${record.veName}`);
  pdf.setProducer('VE Certification');
  pdf.setCreator('VE Certification');
  pdf.setCreationDate(issued);
  pdf.setModificationDate(issued);

  const page = pdf.addPage([792, 612]);
  const serif = await pdf.embedFont(StandardFonts.TimesRoman);
  const serifBold = await pdf.embedFont(StandardFonts.TimesRomanBold);
  const sans = await pdf.embedFont(StandardFonts.Helvetica);
  const navy = rgb(0.12, 0.23, 0.4);
  const ink = rgb(0.13, 0.13, 0.13);
  // The names may be in any script: each line is laid out first, then centred on its width.
  const text = new DocumentText(pdf);
  const centered = async (parts: string[], y: number, size: number, font: PDFFont = serif, color = ink) => {
    const line = await text.line(parts, { size, font, color, bold: font === serifBold });
    line.drawOn(page, (792 - line.width) / 2, y);
  };

  page.drawRectangle({ x: 24, y: 24, width: 744, height: 564, borderColor: navy, borderWidth: 3 });
  page.drawRectangle({ x: 34, y: 34, width: 724, height: 544, borderColor: navy, borderWidth: 0.75 });
  await centered(['Certificate of Completion'], 480, 34, serifBold, navy);
  await centered(['This certifies that'], 420, 16);
  await centered([record.veName], 370, 32, serifBold);
  await centered(['has completed the Virtual Employee certification'], 325, 16);
  await centered(['and is certified to serve ', record.clientCompany], 300, 16);
  await centered([`Issued ${record.issuedOn}`], 250, 14);
  await centered([`Certificate ${record.certificateId}`], 130, 11, sans);
  await centered([`Verify at ${record.verificationUrl}`], 112, 11, sans, navy);

  return pdf.save({ useObjectStreams: false });
}
