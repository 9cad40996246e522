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
  if (b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  if (ascii(b, 0, '\x89PNG\r\n\x1a\n')) return 'image/png';
  if (ascii(b, 0, 'RIFF') && ascii(b, 8, 'WEBP')) return 'image/webp';
  if (ascii(b, 0, 'GIF87a') || ascii(b, 0, 'GIF89a')) return 'image/gif';
  // "BM" alone also starts plain text ("BMW…"); the DIB header size (12…124) at byte 14 rules that out.
  if (ascii(b, 0, 'BM') && b.length >= 18 && [12, 40, 52, 56, 64, 108, 124].includes(b[14]! | (b[15]! << 8))) {
    return b[16] === 0 && b[17] === 0 ? 'image/bmp' : null;
  }
  if (ascii(b, 4, 'ftyp')) return isoBrand(b);
  return null;
}

/** AVIF and HEIC share the ISO-BMFF container; the major brand, then the compatible brands, say which. */
function isoBrand(b: Uint8Array): SniffedType | null {
  const size = Math.min(b.length, ((b[0]! << 24) | (b[1]! << 16) | (b[2]! << 8) | b[3]!) >>> 0);
  let heic = false;
  for (let at = 8; at + 4 <= size; at += at === 8 ? 8 : 4) {
    const brand = String.fromCharCode(b[at]!, b[at + 1]!, b[at + 2]!, b[at + 3]!);
    if (brand === 'avif' || brand === 'avis') return 'image/avif';
    if (/^(hei[cxms]|hev[cxms]|mif1|msf1)$/.test(brand)) heic = true;
  }
  return heic ? 'image/heic' : null;
}

function ascii(b: Uint8Array, at: number, text: string): boolean {
  if (b.length < at + text.length) return false;
  for (let i = 0; i < text.length; i++) if (b[at + i] !== text.charCodeAt(i)) return false;
  return true;
}
