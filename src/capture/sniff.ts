/** Raster types a browser might decode, recognised by their first bytes — never by file name or claimed MIME type. */
export type SniffedType =
  'image/jpeg' | 'image/png' | 'image/webp' | 'image/gif' | 'image/bmp' | 'image/avif' | 'image/heic';

/** How many leading bytes `sniffImageType` needs to tell every type apart (ISO-BMFF brands sit at 8–31). */
export const SNIFF_BYTES = 32;

/**
 * The image type announced by the magic bytes at the start of `b`, or null for anything else — SVG, PDF,
 * HTML and text among them, which must never reach a decoder.
 */
export function sniffImageType(b: Uint8Array): SniffedType | null {
  // One char per byte, so each signature reads as the text it is documented as. Bytes above 0x7f are
  // compared as numbers: the bundle stays ASCII, as a page in a legacy charset decodes the script with it.
  const s = String.fromCharCode(...b.subarray(0, SNIFF_BYTES));
  if (b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  if (b[0] === 0x89 && s.startsWith('PNG\r\n\x1a\n', 1)) return 'image/png';
  if (s.startsWith('RIFF') && s.startsWith('WEBP', 8)) return 'image/webp';
  if (/^GIF8[79]a/.test(s)) return 'image/gif';
  // "BM" alone also starts plain text ("BMW…"); the DIB header size (12…124) at byte 14 rules that out.
  if (s.startsWith('BM') && [12, 40, 52, 56, 64, 108, 124].includes(b[14]! | (b[15]! << 8))) {
    return s.startsWith('\0\0', 16) ? 'image/bmp' : null;
  }
  return s.startsWith('ftyp', 4) ? isoBrand(s, b) : null;
}

/** AVIF and HEIC share the ISO-BMFF container; the major brand, then the compatible brands, say which. */
function isoBrand(s: string, b: Uint8Array): SniffedType | null {
  const size = Math.min(s.length, ((b[0]! << 24) | (b[1]! << 16) | (b[2]! << 8) | b[3]!) >>> 0);
  let heic = false;
  for (let at = 8; at + 4 <= size; at += at === 8 ? 8 : 4) {
    const brand = s.slice(at, at + 4);
    if (brand === 'avif' || brand === 'avis') return 'image/avif';
    if (/^(he[iv][cxms]|m[is]f1)$/.test(brand)) heic = true;
  }
  return heic ? 'image/heic' : null;
}
