/**
 * The font files the PDFs may embed: Noto Sans, regular weight, as the @fontsource packages ship them
 * (WOFF, one file per script or per slice of a script). Plain data, so that the CDK function
 * construct copies exactly these files into the bundles that draw PDFs.
 */

export interface FontFile {
  /** The npm package that ships it; the file sits in its `files/` folder. */
  packageName: string;
  fileName: string;
}

const notoSans = (slice: string): FontFile => ({
  packageName: '@fontsource/noto-sans',
  fileName: `noto-sans-${slice}-400-normal.woff`,
});

export const fontFiles = {
  latin: notoSans('latin'),
  latinExtended: notoSans('latin-ext'),
  vietnamese: notoSans('vietnamese'),
  greek: notoSans('greek'),
  greekExtended: notoSans('greek-ext'),
  cyrillic: notoSans('cyrillic'),
  cyrillicExtended: notoSans('cyrillic-ext'),
  devanagari: notoSans('devanagari'),
  arabic: { packageName: '@fontsource/noto-sans-arabic', fileName: 'noto-sans-arabic-arabic-400-normal.woff' },
  hebrew: { packageName: '@fontsource/noto-sans-hebrew', fileName: 'noto-sans-hebrew-hebrew-400-normal.woff' },
  thai: { packageName: '@fontsource/noto-sans-thai', fileName: 'noto-sans-thai-thai-400-normal.woff' },
  // One CJK font: the simplified-Chinese file (GB 2312 and more, with kana) covers Chinese and Japanese names.
  chinese: {
    packageName: '@fontsource/noto-sans-sc',
    fileName: 'noto-sans-sc-chinese-simplified-400-normal.woff',
  },
} as const satisfies Record<string, FontFile>;

export type FaceName = keyof typeof fontFiles;

/** Where a font file is found, relative to a `node_modules` folder (in the repository, or in a Lambda bundle). */
export const fontModulePath = (file: FontFile) => `${file.packageName}/files/${file.fileName}`;
