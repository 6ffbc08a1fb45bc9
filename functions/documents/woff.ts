import { inflateSync } from 'node:zlib';

/**
 * The plain TrueType font inside a WOFF 1.0 file (W3C WOFF 1.0, section 4), ready for fontkit and
 * pdf-lib: fontkit reads WOFF itself but inflates a table again for every glyph it reads, and
 * pdf-lib subsets only plain TrueType. Each table is inflated once here, with the native zlib.
 */
export function trueTypeFromWoff(woff: Uint8Array): Uint8Array {
  const header = view(woff);
  if (header.getUint32(0) !== tag('wOFF')) throw new Error('Not a WOFF 1.0 font.');
  const tables = new Map<number, Uint8Array>();
  for (let index = 0; index < header.getUint16(12); index += 1) {
    const entry = 44 + index * 20;
    const offset = header.getUint32(entry + 4);
    const storedLength = header.getUint32(entry + 8);
    const length = header.getUint32(entry + 12);
    const stored = woff.subarray(offset, offset + storedLength);
    tables.set(header.getUint32(entry), storedLength < length ? new Uint8Array(inflateSync(stored)) : stored);
  }
  padGlyphs(tables);
  return sfnt(header.getUint32(4), tables);
}

const view = (bytes: Uint8Array) => new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
const tag = (name: string) => view(new TextEncoder().encode(name)).getUint32(0);
const padded = (length: number, to: number) => Math.ceil(length / to) * to;

/**
 * Gives every glyph an even length, with long `loca` offsets. These files store glyphs of odd
 * length; fontkit's subsetter writes short `loca` offsets (half the real ones) when the subset is
 * small, which silently cuts such glyphs.
 */
function padGlyphs(tables: Map<number, Uint8Array>): void {
  const head = tables.get(tag('head'));
  const loca = tables.get(tag('loca'));
  const glyf = tables.get(tag('glyf'));
  if (head === undefined || loca === undefined || glyf === undefined) return; // not TrueType outlines
  const longOffsets = view(head).getInt16(50) === 1;
  const count = loca.length / (longOffsets ? 4 : 2);
  const offsets = Array.from({ length: count }, (_, index) =>
    longOffsets ? view(loca).getUint32(index * 4) : view(loca).getUint16(index * 2) * 2,
  );
  if (offsets.every((offset) => offset % 2 === 0)) return;
  const lengths = offsets.slice(1).map((offset, index) => offset - (offsets[index] ?? 0));
  const newGlyf = new Uint8Array(lengths.reduce((sum, length) => sum + padded(length, 2), 0));
  const newLoca = new Uint8Array(count * 4);
  let at = 0;
  for (const [index, length] of lengths.entries()) {
    view(newLoca).setUint32(index * 4, at);
    const start = offsets[index] ?? 0;
    newGlyf.set(glyf.subarray(start, start + length), at);
    at += padded(length, 2);
  }
  view(newLoca).setUint32(lengths.length * 4, at);
  const newHead = head.slice();
  view(newHead).setInt16(50, 1);
  tables.set(tag('head'), newHead);
  tables.set(tag('loca'), newLoca);
  tables.set(tag('glyf'), newGlyf);
}

/** An OpenType file of these tables (tags in ascending order, as WOFF keeps them; 4-byte aligned). */
function sfnt(flavour: number, tables: Map<number, Uint8Array>): Uint8Array {
  const entries = [...tables.entries()].sort(([a], [b]) => a - b);
  const directoryLength = 12 + entries.length * 16;
  const font = new Uint8Array(entries.reduce((sum, [, data]) => sum + padded(data.length, 4), directoryLength));
  const out = view(font);
  const searchRange = 2 ** Math.floor(Math.log2(entries.length)) * 16;
  out.setUint32(0, flavour);
  out.setUint16(4, entries.length);
  out.setUint16(6, searchRange);
  out.setUint16(8, Math.log2(searchRange / 16));
  out.setUint16(10, entries.length * 16 - searchRange);
  let offset = directoryLength;
  for (const [index, [name, data]] of entries.entries()) {
    const record = 12 + index * 16;
    out.setUint32(record, name);
    out.setUint32(record + 4, checksum(data));
    out.setUint32(record + 8, offset);
    out.setUint32(record + 12, data.length);
    font.set(data, offset);
    offset += padded(data.length, 4);
  }
  return font;
}

function checksum(data: Uint8Array): number {
  const words = new Uint8Array(padded(data.length, 4));
  words.set(data);
  let sum = 0;
  for (let at = 0; at < words.length; at += 4) sum = (sum + view(words).getUint32(at)) >>> 0;
  return sum;
}
