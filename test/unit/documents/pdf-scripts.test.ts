import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { PDFParse } from 'pdf-parse';
import { describe, expect, it } from 'vitest';
import { certificatePdf, type CertificateRecord } from '../../../functions/documents/certificate-pdf';
import { contractPdf, type ContractTerms } from '../../../functions/documents/contract-pdf';
import { fontFiles, fontModulePath } from '../../../functions/documents/font-files';

const certificate = (veName: string, clientCompany: string): CertificateRecord => ({
  certificateId: '01JCERT0000000000000000000',
  veName,
  clientCompany,
  issuedOn: 'December 11, 2026',
  issuedAt: '2026-12-11T21:00:00.000Z',
  verificationUrl: 'https://certify.agency.example.com/certificates/01JCERT0000000000000000000',
  agency: { name: 'Virtual Employee Staffing', brandColour: '#1f5f8b' },
});

const contract = (clientName: string, clientCompany: string, veName: string): ContractTerms => ({
  placementId: '01JPLACEMENT00000000000000',
  clientName,
  clientCompany,
  veName,
  certificationWeek: 'December 7, 2026',
  reserveAmount: '$1,500.00',
});

const textOf = async (pdf: Uint8Array) => (await new PDFParse({ data: pdf.slice() }).getText()).text;
/**
 * The Noto families a PDF embeds: pdf-lib names a subset after the font's PostScript name with a
 * number (the SC file calls itself "NotoSansSCThin-Regular", though its weight is 400).
 */
const embeddedFonts = (pdf: Uint8Array) => [
  ...new Set(
    [...Buffer.from(pdf).toString('latin1').matchAll(/\/BaseFont \/([A-Za-z]+?)(?:Thin)?-Regular-\d+/g)].map((match) => match[1]),
  ),
];

// Names whose letters copy out of the PDF as written (left to right, no reordering by shaping).
const leftToRight = [
  { script: 'Latin Extended (Polish)', name: 'Łukasz Wróblewski-Żółć', company: 'Spółka Źdźbło sp. z o.o.' },
  { script: 'Latin Extended (Czech, Turkish, Romanian)', name: 'Jiří Řezníček Ğülşen Ștefănescu', company: 'Ǆemal Ŋgũgĩ' },
  { script: 'Vietnamese', name: 'Nguyễn Thị Phương Thảo', company: 'Công ty Đại Việt' },
  { script: 'Greek', name: 'Γιώργος Παπαδόπουλος', company: 'Ελληνική Εταιρεία' },
  { script: 'Cyrillic', name: 'Анастасия Шевчук', company: 'ООО «Ромашка»' },
  { script: 'Chinese', name: '王晓明', company: '北京华为科技有限公司' },
  { script: 'Japanese kana and kanji', name: 'さくら サトー', company: '株式会社トヨタ' },
  { script: 'Devanagari', name: 'राजेश कुमार', company: 'गणेश' },
  { script: 'Thai', name: 'สมชาย ใจดี', company: 'ไทยเจริญ' },
];

describe('names in any script on the certificate and the contract', () => {
  it.each(leftToRight)('draws a $script name and company, which copy out of both PDFs', async ({ name, company }) => {
    const certificateText = await textOf(await certificatePdf(certificate(name, company)));
    const contractText = await textOf(await contractPdf(contract(name, company, name), '2026-12-01T15:00:00.000Z'));

    expect(certificateText).toContain(name);
    expect(certificateText).toContain(`and is certified to serve ${company}`);
    expect(contractText).toContain(`Client: ${name}, ${company}`);
    expect(contractText).toContain(`Virtual Employee: ${name}`);
  });

  it('draws Hebrew right to left: a reader turning the visual glyphs back gets the written order', async () => {
    const name = 'דוד כהן';
    const company = 'חברת אלפא';

    const pdf = await contractPdf(contract(name, company, name), '2026-12-01T15:00:00.000Z');

    expect(await textOf(pdf)).toContain(`Virtual Employee: ${name}`);
    expect(embeddedFonts(pdf)).toContain('NotoSansHebrew');
  });

  it('draws Arabic names, joined, in the Arabic face', async () => {
    const name = 'محمد عبد الله (أبو علي)';

    const certificateBytes = await certificatePdf(certificate(name, 'شركة النور ١٢٣'));
    const contractBytes = await contractPdf(contract(name, 'شركة النور', name), '2026-12-01T15:00:00.000Z');

    for (const pdf of [certificateBytes, contractBytes]) {
      expect(embeddedFonts(pdf)).toEqual(expect.arrayContaining(['NotoSansArabic', 'NotoSans']));
      // Joined letters copy out with their ligature glyphs' marks; a whole word still reads back.
      expect(await textOf(pdf)).toContain('علي');
    }
  });

  it('draws a name mixing scripts, each in its own face', async () => {
    const pdf = await certificatePdf(certificate('Li 李 Wei محمد Ανна', 'Łódź 東京 דוד'));

    expect(embeddedFonts(pdf)).toEqual(
      expect.arrayContaining(['NotoSans', 'NotoSansSC', 'NotoSansArabic', 'NotoSansHebrew']),
    );
  });

  it('draws a replacement mark for characters no font has (emoji, private use, Hangul) instead of failing', async () => {
    const name = 'Zoë 😀 \u{10FFFD} 김';

    const certificateText = await textOf(await certificatePdf(certificate(name, 'Acme \u{E000} Ltd')));
    const contractText = await textOf(await contractPdf(contract(name, 'Acme', name), '2026-12-01T15:00:00.000Z'));

    expect(certificateText).toContain('Zoë \uFFFD \uFFFD \uFFFD');
    expect(contractText).toContain('Virtual Employee: Zoë \uFFFD \uFFFD \uFFFD');
  });

  it('draws an Arabic letter whose mark positioning the shaping library cannot do', async () => {
    // U+06A2 (feh with dot moved below) followed by a small high mark makes fontkit's GPOS throw.
    const name = 'ڢاطمة ب\u0615';

    await expect(certificatePdf(certificate(name, 'شركة'))).resolves.toBeInstanceOf(Uint8Array);
    await expect(contractPdf(contract(name, 'شركة', name), '2026-12-01T15:00:00.000Z')).resolves.toBeInstanceOf(Uint8Array);
  });

  it('gives the same bytes for the same certificate, whatever was drawn before it', async () => {
    const record = certificate('Nguyễn Thị Thảo ผู้ที่นี่', 'محمد 王');

    const first = await certificatePdf(record);
    await certificatePdf(certificate('Thảo ถ้ำ ị', 'ممم 王王'));
    const again = await certificatePdf(record);

    expect(Buffer.from(again).equals(Buffer.from(first))).toBe(true);
  });

  it('embeds no font for names the standard fonts can write, and only a subset otherwise', async () => {
    const latin1 = await certificatePdf(certificate('José Müller', 'Café Ñandú S.A.'));
    const chinese = await certificatePdf(certificate('王晓明', 'Acme'));

    expect(embeddedFonts(latin1)).toEqual([]);
    expect(embeddedFonts(chinese)).toEqual(['NotoSansSC']);
    // The Chinese face is 1.5 MB; three of its glyphs are a few KB.
    expect(chinese.length - latin1.length).toBeLessThan(20_000);
  });

  it('ships every font file it names (the function bundles copy the same list)', () => {
    const resolve = createRequire(import.meta.url).resolve;
    for (const file of Object.values(fontFiles)) expect(existsSync(resolve(fontModulePath(file)))).toBe(true);
  });
});
