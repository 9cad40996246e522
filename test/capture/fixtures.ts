// Synthetic test images built in the browser: an asymmetric four-colour pattern, EXIF orientation written by hand.

/** Quadrant colours of the upright pattern: top-left, top-right, bottom-left, bottom-right. */
export const QUADRANTS = [
  [255, 0, 0],
  [0, 200, 0],
  [0, 0, 255],
  [255, 255, 255],
] as const;

/** Canvas transform (a, b, c, d, e, f) that draws stored pixels (w×h) upright, per EXIF orientation. */
function transform(o: number, w: number, h: number): [number, number, number, number, number, number] {
  return (
    {
      1: [1, 0, 0, 1, 0, 0],
      2: [-1, 0, 0, 1, w, 0],
      3: [-1, 0, 0, -1, w, h],
      4: [1, 0, 0, -1, 0, h],
      5: [0, 1, 1, 0, 0, 0],
      6: [0, 1, -1, 0, h, 0],
      7: [0, -1, -1, 0, h, w],
      8: [0, -1, 1, 0, 0, w],
    } as Record<number, [number, number, number, number, number, number]>
  )[o]!;
}

export function patternCanvas(width: number, height: number): HTMLCanvasElement {
  const c = document.createElement('canvas');
  c.width = width;
  c.height = height;
  const ctx = c.getContext('2d')!;
  const w2 = width / 2;
  const h2 = height / 2;
  QUADRANTS.forEach(([r, g, b], i) => {
    ctx.fillStyle = `rgb(${r},${g},${b})`;
    ctx.fillRect((i % 2) * w2, Math.floor(i / 2) * h2, w2, h2);
  });
  return c;
}

export function toBlob(canvas: HTMLCanvasElement, type = 'image/jpeg', quality = 0.95): Promise<Blob> {
  return new Promise((resolve, reject) =>
    canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('toBlob failed'))), type, quality),
  );
}

/** Stored pixels that an EXIF-aware viewer shows as the upright `width`×`height` pattern under orientation `o`. */
export function storedCanvas(o: number, width: number, height: number): HTMLCanvasElement {
  return rotateForExif(patternCanvas(width, height), o);
}

function rotateForExif(upright: HTMLCanvasElement, o: number): HTMLCanvasElement {
  const { width, height } = upright;
  const swap = o >= 5;
  const c = document.createElement('canvas');
  c.width = swap ? height : width;
  c.height = swap ? width : height;
  const ctx = c.getContext('2d')!;
  // Orientations 6 and 8 undo each other; every other one is its own inverse.
  const inverse = o === 6 ? 8 : o === 8 ? 6 : o;
  ctx.setTransform(...transform(inverse, width, height));
  ctx.drawImage(upright, 0, 0);
  return c;
}

/** An APP1 Exif segment (big-endian TIFF) with Orientation and, to prove it is dropped, a GPS latitude. */
export function exifSegment(orientation: number): Uint8Array {
  // prettier-ignore
  const tiff = [
    0x4d, 0x4d, 0x00, 0x2a, 0, 0, 0, 8, // MM, 42, IFD0 at 8
    0, 2, // two entries
    0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, orientation, 0, 0, // Orientation SHORT
    0x88, 0x25, 0, 4, 0, 0, 0, 1, 0, 0, 0, 38, // GPS IFD pointer LONG → 38
    0, 0, 0, 0, // no IFD1
    0, 1, // GPS IFD: one entry
    0x00, 0x01, 0, 2, 0, 0, 0, 2, 0x4e, 0, 0, 0, // GPSLatitudeRef ASCII "N"
    0, 0, 0, 0,
  ];
  const body = [0x45, 0x78, 0x69, 0x66, 0, 0, ...tiff];
  const length = body.length + 2;
  return new Uint8Array([0xff, 0xe1, length >> 8, length & 0xff, ...body]);
}

/** The JPEG with an Exif segment inserted right after SOI (where cameras put it). */
export async function withExif(jpeg: Blob, orientation: number): Promise<Blob> {
  const bytes = new Uint8Array(await jpeg.arrayBuffer());
  const exif = exifSegment(orientation);
  // One contiguous part: Firefox's createImageBitmap fails on a typed Blob assembled from several parts.
  const out = new Uint8Array(bytes.length + exif.length);
  out.set(bytes.subarray(0, 2));
  out.set(exif, 2);
  out.set(bytes.subarray(2), 2 + exif.length);
  return new Blob([out], { type: 'image/jpeg' });
}

export async function orientedJpeg(o: number, width: number, height: number): Promise<Blob> {
  return withExif(await toBlob(storedCanvas(o, width, height)), o);
}

/** RGB at (x, y) of a decoded image. */
export async function pixelsOf(blob: Blob): Promise<{
  width: number;
  height: number;
  at(x: number, y: number): number[];
}> {
  const bitmap = await createImageBitmap(blob, { imageOrientation: 'none' });
  const c = document.createElement('canvas');
  c.width = bitmap.width;
  c.height = bitmap.height;
  const ctx = c.getContext('2d')!;
  ctx.drawImage(bitmap, 0, 0);
  const data = ctx.getImageData(0, 0, c.width, c.height).data;
  const { width, height } = c;
  bitmap.close();
  return {
    width,
    height,
    at: (x, y) => {
      const i = (Math.floor(y) * width + Math.floor(x)) * 4;
      return [data[i]!, data[i + 1]!, data[i + 2]!];
    },
  };
}

/** The 64×48 four-colour pattern as lossless (VP8L) and lossy (VP8) WebP, made with ImageMagick. */
export const WEBP_LOSSLESS = 'UklGRjoAAABXRUJQVlA4TC4AAAAvP8ALAB8gEEjyN5tqDQFBkf+j7f/8B5tVgEiAxJOe9KSJTozo/wQUj74Fh74B';
export const WEBP_LOSSY =
  'UklGRoIAAABXRUJQVlA4IHYAAABQBgCdASpAADAAPjESh0KiIQyqABABglAGgKoL8A/ADXO+AfgB+qv9V3wH6zZ32Er/s5hJm2iFk6KQAAD+96IqlkG5psUNOIfpRbI6iBw327Gjpd69IXkSuR/EJBcvj+HRH9j/bDf//+Eh4qK4/3t7pcc4AAAA';

export function fromBase64(text: string, type = ''): Blob {
  return new Blob([Uint8Array.from(atob(text), (c) => c.charCodeAt(0))], {
    type,
  });
}

/**
 * A phone-photo stand-in: the four-colour pattern upright at `width`×`height`, overlaid with MRZ-like text
 * and a grain tile (real sensor noise is what makes camera JPEGs big), stored rotated for EXIF `orientation`.
 */
export async function photoLikeJpeg(width: number, height: number, orientation: number, quality = 0.92): Promise<Blob> {
  const upright = patternCanvas(width, height);
  const ctx = upright.getContext('2d')!;
  const grain = document.createElement('canvas');
  grain.width = grain.height = 251;
  const g = grain.getContext('2d')!;
  const noise = g.createImageData(251, 251);
  let seed = 7;
  for (let i = 0; i < noise.data.length; i += 4) {
    seed = (seed * 1103515245 + 12345) >>> 0;
    noise.data[i] = noise.data[i + 1] = noise.data[i + 2] = seed >>> 24;
    noise.data[i + 3] = 255;
  }
  g.putImageData(noise, 0, 0);
  ctx.globalAlpha = 0.06;
  ctx.fillStyle = ctx.createPattern(grain, 'repeat')!;
  ctx.fillRect(0, 0, width, height);
  ctx.globalAlpha = 1;
  ctx.fillStyle = '#222';
  ctx.font = `${Math.round(height / 40)}px monospace`;
  for (let y = height / 2 - height / 10; y < height / 2 + height / 10; y += height / 25) {
    ctx.fillText('P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<', width / 10, y);
  }
  return withExif(await toBlob(rotateForExif(upright, orientation), 'image/jpeg', quality), orientation);
}

/** True when the bytes hold an APP1 "Exif" segment anywhere. */
export async function hasExif(blob: Blob): Promise<boolean> {
  const b = new Uint8Array(await blob.arrayBuffer());
  for (let i = b.indexOf(0x45); i >= 0; i = b.indexOf(0x45, i + 1)) {
    if (b[i + 1] === 0x78 && b[i + 2] === 0x69 && b[i + 3] === 0x66 && b[i + 4] === 0) return true;
  }
  return false;
}

/**
 * A progressive JPEG (SOF2) by ImageMagick, no metadata: the 96×64 pattern stored rotated 90° counter-clockwise
 * (64×96), i.e. what EXIF orientation 6 turns upright. `convert up.png -rotate -90 -interlace JPEG -quality 92 -strip`
 */
export const PROGRESSIVE_ROTATED =
  '/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAMCAgICAgMCAgIDAwMDBAYEBAQEBAgGBgUGCQgKCgkICQkKDA8MCgsOCwkJDRENDg8QEBEQCgwSExIQEw8QEBD/2wBDAQMDAwQDBAgEBAgQCwkLEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBD/wgARCABgAEADAREAAhEBAxEB/8QAFwABAQEBAAAAAAAAAAAAAAAAAAgGBP/EABcBAQEBAQAAAAAAAAAAAAAAAAAHCAb/2gAMAwEAAhADEAAAAeCTw8AVxWLgAJHk8PAFcVi4ACR5PDwBXFYuAAkeTw8AVxWLgAJHk8PAFcVi4ACR5PDwBXFYuAAhDhdUgDA7jx0AN9hzYoAwO48dADfYc2KAMDuPHQA32HNigDA7jx0AN9hzYoAwO48dADfYc2KAMDuPHQA//8QAFBABAAAAAAAAAAAAAAAAAAAAYP/aAAgBAQABBQJB/8QAFBEBAAAAAAAAAAAAAAAAAAAAYP/aAAgBAwEBPwFB/8QAFBEBAAAAAAAAAAAAAAAAAAAAYP/aAAgBAgEBPwFB/8QAFBABAAAAAAAAAAAAAAAAAAAAYP/aAAgBAQAGPwJB/8QAFBABAAAAAAAAAAAAAAAAAAAAYP/aAAgBAQABPyFB/9oADAMBAAIAAwAAABCSSSSSSSSSSSSSSSSSSSSSSST/APSS/wD0kv8A9JL/APSS/wD0kv8A9JL/xAAUEQEAAAAAAAAAAAAAAAAAAABg/9oACAEDAQE/EEH/xAAUEQEAAAAAAAAAAAAAAAAAAABg/9oACAECAQE/EEH/xAAUEAEAAAAAAAAAAAAAAAAAAABg/9oACAEBAAE/EEH/2Q==';
