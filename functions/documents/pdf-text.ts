import fontkit, { type Font, type GlyphRun, type TypeFeatures } from '@pdf-lib/fontkit';
import bidiFactory from 'bidi-js';
import {
  beginText,
  endText,
  popGraphicsState,
  pushGraphicsState,
  setFillingColor,
  setFontAndSize,
  setLineWidth,
  setStrokingColor,
  setTextMatrix,
  setTextRenderingMode,
  showText,
  PDFHexString,
  PDFName,
  PDFOperator,
  PDFOperatorNames,
  TextRenderingMode,
  type Color,
  type PDFDocument,
  type PDFFont,
  type PDFPage,
} from 'pdf-lib';
import { faceFeatures, facesFor, type Face, type Placed } from './fonts';

/**
 * Text on a PDF page in any script. Each part of a line (a piece of the letter, a name, a company)
 * is drawn in the line's standard font when that font can encode it; otherwise in the Noto faces,
 * embedded as subsets, with right-to-left runs in visual order and each run shaped (Arabic joined,
 * Indic and Thai marks placed).
 */

export interface TextStyle {
  size: number;
  color: Color;
  /** The standard (WinAnsi) font for text it can encode. */
  font: PDFFont;
  /** Draws the Noto parts bolder (outlined), standing in for the bold standard font. */
  bold?: boolean;
}

export interface TextLine {
  width: number;
  drawOn(page: PDFPage, x: number, y: number): void;
}

interface PlacedGlyph {
  /** The glyph's id in the embedded subset, as the 4-digit hex the content stream shows. */
  code: string;
  x: number;
  y: number;
}

type Piece =
  | { kind: 'standard'; text: string; width: number }
  | { kind: 'glyphs'; font: PDFFont; glyphs: PlacedGlyph[]; width: number; actualText?: string };

const bidi = bidiFactory();

/** One per document: it embeds each Noto face the document needs once, as a subset of what is drawn. */
export class DocumentText {
  private readonly embedded = new Map<Face['name'], Promise<{ pdfFont: PDFFont; font: Font }>>();
  /** The fontkit font pdf-lib parses for each face's bytes in this document. */
  private readonly parsed = new Map<Uint8Array, Font>();

  constructor(private readonly pdf: PDFDocument) {
    // Each document parses its own fonts: fontkit keeps the first characters a glyph was made for,
    // and the PDF's text map is built from them, so a shared font would make a document depend on
    // those drawn before it.
    pdf.registerFontkit({
      create: (bytes: Uint8Array) => {
        const font = fontkit.create(bytes);
        this.parsed.set(bytes, font);
        return font;
      },
    });
  }

  /** Lays out the parts side by side, left to right, each part's own direction kept inside it. */
  async line(parts: string[], style: TextStyle): Promise<TextLine> {
    const pieces: Piece[] = [];
    for (const part of parts) {
      for (const piece of await this.pieces(part, style)) {
        const last = pieces.at(-1);
        // Parts the standard font writes are drawn as one string, as they were before any Noto face.
        if (piece.kind === 'standard' && last?.kind === 'standard') {
          last.text += piece.text;
          last.width = style.font.widthOfTextAtSize(last.text, style.size);
        } else {
          pieces.push(piece);
        }
      }
    }
    const width = pieces.reduce((sum, piece) => sum + piece.width, 0);
    return { width, drawOn: (page, x, y) => drawPieces(page, pieces, x, y, style) };
  }

  private async pieces(part: string, style: TextStyle): Promise<Piece[]> {
    const text = part.normalize('NFC');
    if (encodes(style.font, text)) {
      return [{ kind: 'standard', text, width: style.font.widthOfTextAtSize(text, style.size) }];
    }
    const pieces: Piece[] = [];
    for (const run of await visualRuns(text)) {
      pieces.push(await this.shaped(run, style.size));
    }
    return pieces;
  }

  private async shaped(run: Run, size: number): Promise<Piece> {
    const { pdfFont, font } = await this.embed(run.face);
    // pdf-lib lays the run out again with the same font (see `embed`), so its glyphs come in this order.
    const layout = font.layout(run.text);
    const codes = pdfFont.encodeText(run.text).asString().match(/.{4}/g) ?? [];
    if (codes.length !== layout.glyphs.length) throw new Error(`Glyph count mismatch in face ${run.face.name}.`);
    let steps = layout.positions.map((position, index) => ({ position, code: codes[index] ?? '0000' }));
    // fontkit orders glyphs by the script's direction; the bidi level decides (digits in Arabic, a
    // bracket in Hebrew).
    if ((layout.direction === 'rtl') !== run.rightToLeft) steps = steps.reverse();
    const scale = size / font.unitsPerEm;
    let pen = 0;
    const glyphs = steps.map(({ position, code }) => {
      const glyph = { code, x: (pen + position.xOffset) * scale, y: position.yOffset * scale };
      pen += position.xAdvance;
      return glyph;
    });
    // Shaping may reorder, split or stack what was written (a Devanagari reph, Thai sara am, tone
    // marks): then readers that honour ActualText copy the characters as written. Not right to left:
    // readers rebuild that order from the visual glyphs themselves, and would reverse an ActualText.
    const spelled = String.fromCodePoint(...layout.glyphs.flatMap((glyph) => glyph.codePoints));
    const placedApart = layout.positions.some((position) => position.xOffset !== 0 || position.yOffset !== 0);
    const actualText = run.rightToLeft || (spelled === run.text && !placedApart) ? undefined : run.actualText;
    return { kind: 'glyphs', font: pdfFont, glyphs, width: pen * scale, ...(actualText === undefined ? {} : { actualText }) };
  }

  private embed(face: Face): Promise<{ pdfFont: PDFFont; font: Font }> {
    let embedded = this.embedded.get(face.name);
    if (embedded === undefined) {
      embedded = this.pdf.embedFont(face.bytes, { subset: true }).then((pdfFont) => {
        const font = this.parsed.get(face.bytes);
        if (font === undefined) throw new Error(`Face ${face.name} was not parsed.`);
        // pdf-lib encodes text through this font's layout: both then get the same shaping, and
        // a shaping failure falls back instead of failing the document.
        const shape = font.layout.bind(font);
        const features = faceFeatures(face.name);
        font.layout = (text: string) => layoutWithoutFailing(shape, font, text, features);
        return { pdfFont, font };
      });
      this.embedded.set(face.name, embedded);
    }
    return embedded;
  }
}

/** Positioning features: fontkit throws on some mark anchors a font leaves empty (rare Arabic marks). */
const positioning: TypeFeatures = { kern: false, mark: false, mkmk: false, curs: false, dist: false, abvm: false, blwm: false };

/** Full shaping; else shaping without mark positioning; else one glyph per character, unshaped. */
function layoutWithoutFailing(
  shape: Font['layout'],
  font: Font,
  text: string,
  features: TypeFeatures | undefined,
): GlyphRun {
  try {
    return shape(text, features);
  } catch {
    try {
      return shape(text, { ...features, ...positioning });
    } catch {
      const glyphs = font.glyphsForString(text);
      const positions = glyphs.map((glyph) => ({ xAdvance: glyph.advanceWidth, yAdvance: 0, xOffset: 0, yOffset: 0 }));
      const advanceWidth = positions.reduce((sum, position) => sum + position.xAdvance, 0);
      return { glyphs, positions, script: 'Zyyy', language: null, direction: 'ltr', features: {}, advanceWidth, advanceHeight: 0, bbox: font.bbox };
    }
  }
}

function encodes(font: PDFFont, text: string): boolean {
  const characters = new Set(font.getCharacterSet());
  return Array.from(text).every((character) => characters.has(character.codePointAt(0) ?? -1));
}

interface Run {
  face: Face;
  /** What is shaped: the characters, mirrored where right to left, U+FFFD where no face has one. */
  text: string;
  /** The characters as written, for copying out of the PDF. */
  actualText: string;
  rightToLeft: boolean;
}

/** The text cut into runs of one face and one direction, in the order they are seen (Unicode bidi). */
async function visualRuns(text: string): Promise<Run[]> {
  const levels = bidi.getEmbeddingLevels(text, 'auto');
  const mirrored = bidi.getMirroredCharactersMap(text, levels.levels);
  const placed = await facesFor(text);
  const runs: (Run & { level: number })[] = [];
  let offset = 0; // bidi levels are per UTF-16 unit; faces per code point
  for (const [index, character] of Array.from(text).entries()) {
    const level = levels.levels[offset] ?? 0;
    const drawn: Placed | undefined = placed[index];
    const unitOffset = offset;
    offset += character.length;
    if (drawn === undefined) continue;
    const shown = drawn.character === character ? (mirrored.get(unitOffset) ?? character) : drawn.character;
    const last = runs.at(-1);
    if (last !== undefined && last.face === drawn.face && last.level === level) {
      last.text += shown;
      last.actualText += character;
    } else {
      runs.push({ face: drawn.face, text: shown, actualText: character, level, rightToLeft: level % 2 === 1 });
    }
  }
  return reorder(runs);
}

/** Unicode bidi rule L2 over runs: from the highest level down to the lowest odd one, reverse each stretch at or above it. */
function reorder<T extends { level: number }>(runs: T[]): T[] {
  const ordered = [...runs];
  const levels = ordered.map((run) => run.level);
  const highest = Math.max(0, ...levels);
  const lowestOdd = Math.min(...levels.filter((level) => level % 2 === 1), highest + 1);
  for (let level = highest; level >= lowestOdd; level -= 1) {
    let start = 0;
    while (start < ordered.length) {
      if ((ordered[start]?.level ?? 0) < level) {
        start += 1;
        continue;
      }
      let end = start;
      while (end < ordered.length && (ordered[end]?.level ?? 0) >= level) end += 1;
      ordered.splice(start, end - start, ...ordered.slice(start, end).reverse());
      start = end;
    }
  }
  return ordered;
}

function markedAsWritten(actualText: string | undefined): PDFOperator[] {
  if (actualText === undefined) return [];
  const properties = `<</ActualText ${PDFHexString.fromText(actualText).toString()}>>`;
  return [PDFOperator.of(PDFOperatorNames.BeginMarkedContentSequence, [PDFName.of('Span'), properties])];
}

function drawPieces(page: PDFPage, pieces: Piece[], x: number, y: number, style: TextStyle): void {
  let pen = x;
  for (const piece of pieces) {
    if (piece.kind === 'standard') {
      page.drawText(piece.text, { x: pen, y, size: style.size, font: style.font, color: style.color });
    } else {
      const key = page.node.newFontDictionary(piece.font.name, piece.font.ref);
      page.pushOperators(
        ...markedAsWritten(piece.actualText),
        pushGraphicsState(),
        beginText(),
        setFontAndSize(key, style.size),
        setFillingColor(style.color),
        ...(style.bold
          ? [setTextRenderingMode(TextRenderingMode.FillAndOutline), setStrokingColor(style.color), setLineWidth(style.size / 30)]
          : []),
        // Each glyph at its own position: the font's kerning and mark placement, which a plain string would lose.
        ...piece.glyphs.flatMap((glyph) => [
          setTextMatrix(1, 0, 0, 1, pen + glyph.x, y + glyph.y),
          showText(PDFHexString.of(glyph.code)),
        ]),
        endText(),
        popGraphicsState(),
        ...(piece.actualText === undefined ? [] : [PDFOperator.of(PDFOperatorNames.EndMarkedContent)]),
      );
    }
    pen += piece.width;
  }
}
