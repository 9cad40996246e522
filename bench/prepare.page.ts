// Browser half of `npm run bench:prepare` (bundled by prepare.bench.ts and run in headless Chromium).
import { fit } from '../src/capture/decode.js';
import { prepareImage } from '../src/capture/prepare-image.js';
import { photoLikeJpeg } from '../test/capture/fixtures.js';

const MAX = 1600;
const QUALITY = 0.85;

/** What a first implementation does: full-size decode (48 MB RGBA for 12 MP), draw smaller, encode. */
async function naive(file: Blob): Promise<Blob> {
  const bitmap = await createImageBitmap(file, {
    imageOrientation: 'from-image',
  });
  const { width, height } = fit(bitmap.width, bitmap.height, MAX);
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  canvas.getContext('2d')!.drawImage(bitmap, 0, 0, width, height);
  bitmap.close();
  return new Promise((resolve, reject) =>
    canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('toBlob'))), 'image/jpeg', QUALITY),
  );
}

async function run(rounds: number) {
  // Stored 4000×3000 landscape with EXIF orientation 6, i.e. a portrait phone photo.
  const photo = await photoLikeJpeg(3000, 4000, 6);
  const options = {
    maxDimension: MAX,
    quality: QUALITY,
    maxFileSize: 25_000_000,
  };
  const bytes = await photo.arrayBuffer();
  // A new File per call, as from a file input: a browser may cache what it decoded for a Blob it saw before.
  const file = () => new File([bytes], 'photo.jpg', { type: 'image/jpeg' });
  const times = { prepare: [] as number[], naive: [] as number[] };
  let prepared = await prepareImage(file(), options); // warm-up, also the output we report
  await naive(file());
  for (let i = 0; i < rounds; i++) {
    // Alternate, so that load from other processes hits both paths alike.
    let input = file();
    let t = performance.now();
    prepared = await prepareImage(input, options);
    times.prepare.push(performance.now() - t);
    input = file();
    t = performance.now();
    await naive(input);
    times.naive.push(performance.now() - t);
  }
  return {
    userAgent: navigator.userAgent,
    input: { bytes: photo.size },
    output: {
      bytes: prepared.blob.size,
      width: prepared.width,
      height: prepared.height,
    },
    times,
    webCodecs: typeof ImageDecoder === 'function',
  };
}

export type BenchResult = Awaited<ReturnType<typeof run>>;

(window as unknown as { runBench: typeof run }).runBench = run;
