import type { SniffedType } from './sniff.js';

/** Pixel size as stored in the file, and the EXIF orientation (1–8) that turns it upright. */
export interface ImageHeader {
  width: number;
  height: number;
  orientation: number;
  /** JPEG only: offset of the first scan of the main image (after EXIF thumbnails, which hold their own scans). */
  scan?: number;
}

/**
 * Reads the stored size (and, for JPEG, the EXIF orientation) from the first bytes of a file, so the
 * decoder can be asked for a reduced size up front. Null when the header is not within `bytes`.
 */
export function readImageHeader(bytes: Uint8Array, type: SniffedType): ImageHeader | null {
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  try {
    if (type === 'image/jpeg') return readJpeg(v);
    if (type === 'image/png') return size(v.getUint32(16), v.getUint32(20));
    if (type === 'image/gif') return size(v.getUint16(6, true), v.getUint16(8, true));
    if (type === 'image/webp') return readWebp(v);
  } catch {
    // A header cut short by the read window: the caller falls back to a full decode.
  }
  return null;
}

function size(width: number, height: number): ImageHeader | null {
  return width > 0 && height > 0 ? { width, height, orientation: 1 } : null;
}

function readJpeg(v: DataView): ImageHeader | null {
  let orientation = 1;
  let frame: ImageHeader | null = null;
  let at = 2;
  for (;;) {
    if (v.getUint8(at) !== 0xff) return null;
    const marker = v.getUint8(at + 1);
    if (marker === 0xff) {
      at++; // fill byte
      continue;
    }
    if (marker === 0xda) return frame && { ...frame, orientation, scan: at };
    if (marker === 0xd9) return null;
    const length = v.getUint16(at + 2);
    if (marker === 0xe1 && v.getUint32(at + 4) === 0x45786966 /* Exif */) {
      orientation = exifOrientation(v, at + 10) ?? orientation;
    }
    // SOF0…SOF15 except DHT (C4), JPG (C8) and DAC (CC) carry the frame size.
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      frame = size(v.getUint16(at + 7), v.getUint16(at + 5));
    }
    at += 2 + length;
  }
}

/** Tag 0x0112 of IFD0 in the TIFF structure that starts at `tiff`. */
function exifOrientation(v: DataView, tiff: number): number | null {
  const order = v.getUint16(tiff);
  if (order !== 0x4949 && order !== 0x4d4d) return null;
  const le = order === 0x4949;
  const ifd = tiff + v.getUint32(tiff + 4, le);
  const count = v.getUint16(ifd, le);
  for (let i = 0; i < count; i++) {
    const entry = ifd + 2 + i * 12;
    if (v.getUint16(entry, le) === 0x0112) {
      const value = v.getUint16(entry + 8, le);
      return value >= 1 && value <= 8 ? value : null;
    }
  }
  return null;
}

function readWebp(v: DataView): ImageHeader | null {
  const chunk = v.getUint32(12);
  if (chunk === 0x56503858 /* VP8X */) {
    const w = 1 + (v.getUint32(24, true) & 0xffffff);
    const h = 1 + (v.getUint32(27, true) & 0xffffff);
    return size(w, h);
  }
  if (chunk === 0x56503820 /* "VP8 " lossy */)
    return size(v.getUint16(26, true) & 0x3fff, v.getUint16(28, true) & 0x3fff);
  if (chunk === 0x5650384c /* VP8L lossless */) {
    const bits = v.getUint32(21, true);
    return size((bits & 0x3fff) + 1, ((bits >> 14) & 0x3fff) + 1);
  }
  return null;
}
