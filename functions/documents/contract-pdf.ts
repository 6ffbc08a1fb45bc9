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
  let y = 720;
  const line = (text: string, size = 11, face = font) => {
    page.drawText(text, { x: 64, y, size, font: face, color: rgb(0.1, 0.1, 0.1) });
    y -= size + 9;
  };
  line('Virtual Employee Services Agreement', 18, bold);
  y -= 8;
  line(`Client: ${terms.clientName}, ${terms.clientCompany}`);
  line(`Virtual Employee: ${terms.veName}`);
  line(`Certification week starting: ${terms.certificationWeek}`);
  line(`Billing reserve: ${terms.reserveAmount}, held against the first invoices`);
  line(`Reference: ${terms.placementId}`);
  y -= 12;
  for (const clause of [
    '1. The agency certifies the Virtual Employee during a one-week programme before the start.',
    '2. The Virtual Employee starts on the Monday after passing the certification exam.',
    '3. Should the Virtual Employee not pass, the agency restarts interviews; the reserve carries over.',
    '4. The client funds the billing reserve before the certification week begins.',
  ]) {
    line(clause, 10);
  }
  y -= 40;
  line('Signed for the client:', 11, bold);
  page.drawText('/client-signature/', { x: 64, y: y - 10, size: 8, font, color: rgb(1, 1, 1) });
  return pdf.save({ useObjectStreams: false });
}
