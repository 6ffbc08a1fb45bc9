import { PDFDocument, StandardFonts, rgb } from 'pdf-lib';

export interface ContractTerms {
  placementId: string;
  clientName: string;
  clientCompany: string;
  veName: string;
  certificationWeek: string;
  reserveAmount: string;
}

/** The services agreement DocuSign carries; `/client-signature/` anchors the signature field. */
export async function contractPdf(terms: ContractTerms, issuedAt: string): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.setTitle(`Virtual Employee Services Agreement — ${terms.clientCompany}`);
  pdf.setProducer('VE Certification');
  pdf.setCreationDate(new Date(issuedAt));
  pdf.setModificationDate(new Date(issuedAt));
  const page = pdf.addPage([612, 792]);
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  // Loaded here, not at the top: the shaping code (fontkit, bidi) is parsed only when a contract is drawn.
  const { DocumentText } = await import('./pdf-text');
  const text = new DocumentText(pdf);
  let y = 720;
  // A line is a list of parts: the names in it may be in any script, each kept in its own direction.
  const line = async (parts: string[], size = 11, face = font) => {
    (await text.line(parts, { size, font: face, color: rgb(0.1, 0.1, 0.1), bold: face === bold })).drawOn(page, 64, y);
    y -= size + 9;
  };
  await line(['Virtual Employee Services Agreement'], 18, bold);
  y -= 8;
  await line(['Client: ', terms.clientName, ', ', terms.clientCompany]);
  await line(['Virtual Employee: ', terms.veName]);
  await line([`Certification week starting: ${terms.certificationWeek}`]);
  await line(['Billing reserve: ', terms.reserveAmount, ', held against the first invoices']);
  await line([`Reference: ${terms.placementId}`]);
  y -= 12;
  for (const clause of [
    '1. The agency certifies the Virtual Employee during a one-week programme before the start.',
    '2. The Virtual Employee starts on the Monday after passing the certification exam.',
    '3. Should the Virtual Employee not pass, the agency restarts interviews; the reserve carries over.',
    '4. The client funds the billing reserve before the certification week begins.',
  ]) {
    await line([clause], 10);
  }
  y -= 40;
  await line(['Signed for the client:'], 11, bold);
  page.drawText('/client-signature/', { x: 64, y: y - 10, size: 8, font, color: rgb(1, 1, 1) });
  return pdf.save({ useObjectStreams: false });
}
