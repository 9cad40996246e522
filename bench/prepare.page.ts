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

/**
 * Where the time goes (`-- --stages`): each stage of both paths timed on its own, a fresh File per round.
 * Decoding at 1/8 is the floor of any DCT-scaled decode (entropy decoding of all 3 MB stays).
 */
async function stages(rounds: number) {
  const photo = await photoLikeJpeg(3000, 4000, 6);
  const bytes = await photo.arrayBuffer();
  const file = () => new File([bytes], 'photo.jpg', { type: 'image/jpeg' });
  const frameAt = async (n: number) => {
    const data = bytes.slice(0);
    const t = performance.now();
    const decoder = new ImageDecoder({
      data,
      type: 'image/jpeg',
      desiredWidth: 500 * n,
      desiredHeight: 375 * n,
      transfer: [data],
    });
    const frame = (await decoder.decode()).image;
    decoder.close();
    return { frame, ms: performance.now() - t };
  };
  const canvas = () => {
    const c = Object.assign(document.createElement('canvas'), { width: 1200, height: 1600 });
    c.getContext('2d')!.clearRect(0, 0, 1, 1);
    return c;
  };
  const jpeg = (c: HTMLCanvasElement) => new Promise((resolve) => c.toBlob(resolve, 'image/jpeg', QUALITY));
  const timed = async (work: () => Promise<unknown>) => {
    const t = performance.now();
    await work();
    return performance.now() - t;
  };
  const rows: Record<string, number[]> = {};
  for (let i = 0; i <= rounds; i++) {
    const add = (name: string, ms: number) => i > 0 && (rows[name] ??= []).push(ms); // round 0 warms up
    add('read: file.arrayBuffer()', await timed(() => file().arrayBuffer()));
    for (const n of [1, 8, 4]) {
      const { frame, ms } = await frameAt(n);
      add(`ImageDecoder at ${n}/8`, ms);
      if (n !== 4) frame.close();
      else {
        add('output canvas allocation', await timed(async () => canvas()));
        const c = canvas();
        add(
          'bitmap + draw + toBlob',
          await timed(async () => {
            const bitmap = await createImageBitmap(frame);
            c.getContext('2d')!.drawImage(bitmap, 0, 0, 1200, 1600);
            bitmap.close();
            await jpeg(c);
          }),
        );
        frame.close();
      }
    }
    let full: ImageBitmap | undefined;
    const input = file();
    add(
      'naive: createImageBitmap',
      await timed(async () => (full = await createImageBitmap(input, { imageOrientation: 'from-image' }))),
    );
    add(
      'naive: canvas + draw + toBlob',
      await timed(async () => {
        const c = document.createElement('canvas');
        c.width = 1200;
        c.height = 1600;
        c.getContext('2d')!.drawImage(full!, 0, 0, 1200, 1600);
        await jpeg(c);
      }),
    );
    full!.close();
  }
  return rows;
}

export type BenchResult = Awaited<ReturnType<typeof run>>;
export type StageRows = Awaited<ReturnType<typeof stages>>;

Object.assign(window, { runBench: run, runStages: stages });
