import fontkit, { type Font } from '@pdf-lib/fontkit';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
// fontkit's Indic and Thai shaping runs generator code compiled for this runtime, which it expects as a global.
import 'regenerator-runtime/runtime.js';
import { fontFiles, fontModulePath, type FaceName } from './font-files';
import { trueTypeFromWoff } from './woff';

/**
 * The Noto faces a name is drawn in, chosen character by character: the face of the character's
 * script, and for shared characters (spaces, digits, punctuation, combining marks) the face of the
 * characters around them, so that a word stays in one face and is shaped as one.
 */

export interface Face {
  name: FaceName;
  bytes: Uint8Array;
  /** Parsed once per container, to find which characters the face has. */
  font: Font;
}

// Resolved like a package import, so the same code finds the files in node_modules in the repository
// and in the Lambda bundle (where the function construct copies them under node_modules/).
const resolveModule = createRequire(import.meta.url).resolve;

// Read at first use only: a function that never draws a PDF never reads a font.
const loading = new Map<FaceName, Promise<Face>>();

export function loadFace(name: FaceName): Promise<Face> {
  let face = loading.get(name);
  if (face === undefined) {
    face = readFile(resolveModule(fontModulePath(fontFiles[name]))).then((data) => {
      const bytes = trueTypeFromWoff(new Uint8Array(data));
      return { name, bytes, font: fontkit.create(bytes) };
    });
    // A failed read is not kept: the next document tries again.
    face.catch(() => loading.delete(name));
    loading.set(name, face);
  }
  return face;
}

/** Noto Sans is sliced by script; these are tried in order for every character no other face owns. */
const notoSansSlices: FaceName[] = [
  'latin',
  'latinExtended',
  'vietnamese',
  'greek',
  'greekExtended',
  'cyrillic',
  'cyrillicExtended',
];

/**
 * Shaping features a face is laid out with. The Noto Sans slices split some precomposed letters
 * into letter and mark (ccmp); the PDF's text then maps the mark to nothing and copies badly, while
 * the precomposed glyph looks the same. The script faces need it.
 */
export const faceFeatures = (face: FaceName) => (notoSansSlices.includes(face) ? { ccmp: false } : undefined);

const scriptFaces: { script: RegExp; face: FaceName }[] = [
  { script: /\p{Script=Arabic}/u, face: 'arabic' },
  { script: /\p{Script=Hebrew}/u, face: 'hebrew' },
  { script: /\p{Script=Devanagari}/u, face: 'devanagari' },
  { script: /\p{Script=Thai}/u, face: 'thai' },
  { script: /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Bopomofo}]/u, face: 'chinese' },
];

/** Spaces, digits, punctuation: they go with their neighbours. */
const shared = /\p{Script=Common}/u;
/** Combining marks, joiners, variation selectors: they belong to the character before them. */
const attached = /[\p{Script=Inherited}\p{Default_Ignorable_Code_Point}]/u;
const invisible = /\p{Default_Ignorable_Code_Point}/u;

async function firstFaceWith(codePoint: number, names: readonly FaceName[]): Promise<Face | undefined> {
  for (const name of names) {
    const face = await loadFace(name);
    if (face.font.hasGlyphForCodePoint(codePoint)) return face;
  }
  return undefined;
}

/** What is drawn for one character: in which face, and the character itself or the replacement mark. */
export interface Placed {
  face: Face;
  character: string;
}

const replacementCharacter = '\uFFFD';

/**
 * The face of each character of `text`, one entry per code point. A character no face has is drawn
 * as U+FFFD; an invisible one (a joiner, a variation selector) its face lacks is left out
 * (`undefined`). Deterministic: the same text always gets the same faces.
 */
export async function facesFor(text: string): Promise<(Placed | undefined)[]> {
  const characters = Array.from(text);
  const ownFaces = characters.map((character) => scriptFaces.find(({ script }) => script.test(character))?.face);
  const placed: (Placed | undefined)[] = [];
  let previous: FaceName | undefined;
  for (const [index, character] of characters.entries()) {
    const codePoint = character.codePointAt(0) ?? 0;
    const own = ownFaces[index];
    let candidates: FaceName[];
    if (own !== undefined) {
      candidates = [own];
    } else if (attached.test(character)) {
      candidates = previous === undefined ? notoSansSlices : [previous, ...notoSansSlices];
    } else if (shared.test(character)) {
      const next = ownFaces.slice(index + 1).find((face) => face !== undefined);
      candidates = [previous, next, ...notoSansSlices].filter((face): face is FaceName => face !== undefined);
    } else {
      candidates = notoSansSlices;
    }
    const face = await firstFaceWith(codePoint, candidates);
    if (face !== undefined) {
      placed.push({ face, character });
      previous = face.name;
    } else if (invisible.test(character)) {
      placed.push(undefined);
    } else {
      placed.push({ face: await loadFace('latin'), character: replacementCharacter });
      previous = 'latin';
    }
  }
  return placed;
}
