import type { ImageHeader } from './image-header.js';
import type { SniffedType } from './sniff.js';

type Size = { width: number; height: number };

/** `width`×`height` shrunk (never enlarged) so that its long side is at most `max`. */
export function fit(width: number, height: number, max: number): Size {
  const scale = Math.min(1, max / Math.max(width, height));
  return {
    width: Math.max(1, Math.round(width * scale)),
    height: Math.max(1, Math.round(height * scale)),
  };
}

/**
 * Upright pixels ready to draw, at most a little larger than `target`: decoded at reduced scale where the
 * browser can (WebCodecs `ImageDecoder` with a desired size: Chromium then uses JPEG DCT scaling, Firefox
 * downscales while decoding), else with `createImageBitmap`. EXIF orientation is applied either way.
 */
export async function decodeScaled(
  file: Blob,
  bytes: Uint8Array<ArrayBuffer>,
  type: SniffedType,
  header: ImageHeader | null,
  target: Size | null,
  signal?: AbortSignal,
): Promise<ImageBitmap> {
  if (typeof ImageDecoder === 'function') {
    try {
      // Transferred, not copied (~10 ms for 3 MB): nothing else reads the bytes from here on.
      const init: ImageDecoderInit = { data: bytes, type, transfer: [bytes.buffer] };
      if (header && target) {
        // Chromium scales JPEG by n/8 and picks the largest such size not above the one asked for, so ask for
        // the smallest n/8 that still covers the target; the final draw then only shrinks a little.
        const scale =
          Math.ceil((8 * Math.max(target.width, target.height)) / Math.max(header.width, header.height)) / 8;
        let width = Math.ceil(header.width * scale);
        let height = Math.ceil(header.height * scale);
        // Chromium keeps the orientation as frame rotation metadata and sizes in stored pixels; Firefox bakes the
        // orientation into the pixels and sizes upright.
        if (header.orientation >= 5 && !('rotation' in VideoFrame.prototype)) [width, height] = [height, width];
        init.desiredWidth = width;
        init.desiredHeight = height;
      }
      const decoder = new ImageDecoder(init);
      // These reject alongside decode() for a broken file; unobserved they surface as unhandled rejections.
      decoder.completed.catch(() => {});
      decoder.tracks.ready.catch(() => {});
      // Closing the decoder is the one way to stop a decode that nobody waits for any more. Closing it again
      // after the decode does nothing, so the listener stays with the attempt's signal.
      signal?.addEventListener('abort', () => decoder.close());
      const frame = (await decoder.decode().finally(() => decoder.close())).image;
      let bitmap: ImageBitmap;
      try {
        // No resize if it can be helped: resizing a VideoFrame into a bitmap costs ~45 ms for 12 MP at 4/8 in
        // Chromium, a plain bitmap of it nothing, and the one scaled draw in encode() gives the same pixels. But
        // Chromium sizes the plain bitmap of a rotated unscaled (YUV) frame by its stored pixels; then resize.
        const { displayWidth: width, displayHeight: height } = frame;
        bitmap = await createImageBitmap(frame);
        if (bitmap.width !== width) {
          bitmap.close();
          bitmap = await createImageBitmap(frame, { resizeWidth: width, resizeHeight: height });
        }
      } finally {
        frame.close();
      }
      if (target && (bitmap.width > bitmap.height) !== (target.width > target.height)) {
        bitmap.close();
        throw new Error(); // an orientation we did not foresee: let createImageBitmap do it
      }
      return bitmap;
    } catch {
      signal?.throwIfAborted();
      // Unsupported type or broken file: createImageBitmap decides, and reports a broken file the same way.
    }
  }
  // Resize sizes are in upright pixels in Chromium, Firefox and WebKit alike; trust them only where we
  // read the orientation ourselves: a JPEG, the one header with a scan (PNG/WebP may carry EXIF we do not parse).
  const resize = header?.scan && target && target.width + target.height < header.width + header.height;
  // A fresh untyped Blob: Firefox fails to decode some typed Blobs assembled from several parts. The file
  // itself once ImageDecoder took the bytes.
  return createImageBitmap(new Blob([bytes.byteLength ? bytes : file]), {
    imageOrientation: 'from-image',
    ...(resize && { resizeWidth: target.width, resizeHeight: target.height, resizeQuality: 'high' }),
  });
}
