// Shared by the <mrz-scanner> camera tests: the element's own preview stream (what the page could read from
// part="video"), the card the fake camera shows (scripts/camera-fixtures.js), and pixel checks on uploads.
import type { MrzScannerElement } from '../../src/mrz-scanner.js';
import { guideCrop } from '../../src/capture/camera-guide.js';
import { presentedFrames, until } from './camera-test-host.js';

export const previewVideo = (el: MrzScannerElement): HTMLVideoElement | null =>
  el.shadowRoot!.querySelector('video[part~="video"]');
export const previewStream = (el: MrzScannerElement): MediaStream | null =>
  (previewVideo(el)?.srcObject as MediaStream | null) ?? null;

/** Clicks "Use camera" (or calls startCamera) and waits for a playing preview. */
export async function openCamera(el: MrzScannerElement): Promise<HTMLVideoElement> {
  await el.startCamera();
  await until(() => !!previewStream(el) && !previewVideo(el)!.paused, 'playing preview');
  const video = previewVideo(el)!;
  await presentedFrames(video, 2);
  return video;
}

async function pixels(
  source: ImageBitmap | HTMLImageElement,
  sx: number,
  sy: number,
  sw: number,
  sh: number,
  w: number,
  h: number,
): Promise<Uint8ClampedArray> {
  const canvas = document.createElement('canvas');
  canvas.width = w;
  canvas.height = h;
  const ctx = canvas.getContext('2d')!;
  ctx.drawImage(source, sx, sy, sw, sh, 0, 0, w, h);
  return ctx.getImageData(0, 0, w, h).data;
}

function meanLumaDiff(a: Uint8ClampedArray, b: Uint8ClampedArray): number {
  let d = 0;
  for (let i = 0; i < a.length; i += 4) {
    const la = 0.299 * a[i]! + 0.587 * a[i + 1]! + 0.114 * a[i + 2]!;
    const lb = 0.299 * b[i]! + 0.587 * b[i + 1]! + 0.114 * b[i + 2]!;
    d += Math.abs(la - lb);
  }
  return d / (a.length / 4);
}

export interface CardCheck {
  width: number;
  height: number;
  /** Mean luma difference against the guide crop of the rendered card (0..255). */
  diff: number;
  /** The same against a crop shifted by 12 % of the width: what a wrong crop would score. */
  shiftedDiff: number;
  /** Share of dark pixels in the MRZ rows of the card (bottom third) and in its top third. */
  mrzInk: number;
  topInk: number;
}

/**
 * Compares an uploaded JPEG with the card the fake camera shows, cropped the way capture() must crop a
 * frame of `frameWidth`×`frameHeight`.
 */
export async function compareWithCard(jpeg: Blob, frameWidth: number, frameHeight: number): Promise<CardCheck> {
  const upload = await createImageBitmap(jpeg);
  const card = new Image();
  // The PNG the fake camera's video was made from (scripts/camera-fixture-paths.js, VERSION 1).
  card.src = new URL('../../.cache/camera/v1/card.png', import.meta.url).href;
  await card.decode();
  const crop = guideCrop(frameWidth, frameHeight);
  // Compare at 1/4 size: robust to JPEG and yuv420 noise, sensitive to any shift of the crop.
  const w = Math.round(upload.width / 4);
  const h = Math.round(upload.height / 4);
  const got = await pixels(upload, 0, 0, upload.width, upload.height, w, h);
  const sx = (x: number) => (x * card.naturalWidth) / frameWidth;
  const sy = (y: number) => (y * card.naturalHeight) / frameHeight;
  const want = await pixels(card, sx(crop.x), sy(crop.y), sx(crop.width), sy(crop.height), w, h);
  const shifted = await pixels(
    card,
    sx(crop.x + crop.width * 0.12),
    sy(crop.y),
    sx(crop.width * 0.88),
    sy(crop.height),
    w,
    h,
  );
  const ink = (y0: number, y1: number) => {
    let dark = 0;
    let n = 0;
    for (let y = Math.floor(h * y0); y < Math.floor(h * y1); y++) {
      for (let x = Math.floor(w * 0.15); x < Math.floor(w * 0.85); x++) {
        const i = (y * w + x) * 4;
        if (0.299 * got[i]! + 0.587 * got[i + 1]! + 0.114 * got[i + 2]! < 90) dark++;
        n++;
      }
    }
    return dark / n;
  };
  return {
    width: upload.width,
    height: upload.height,
    diff: meanLumaDiff(got, want),
    shiftedDiff: meanLumaDiff(got, shifted),
    mrzInk: ink(0.62, 0.87),
    topInk: ink(0.06, 0.13),
  };
}
