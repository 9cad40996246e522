import { expect } from '@open-wc/testing';
import { PrepareError, prepareFrame, prepareImage, type PrepareOptions } from '../../src/capture/prepare-image.js';
import {
  PROGRESSIVE_ROTATED,
  QUADRANTS,
  WEBP_LOSSLESS,
  WEBP_LOSSY,
  fromBase64,
  hasExif,
  orientedJpeg,
  patternCanvas,
  photoLikeJpeg,
  pixelsOf,
  toBlob,
  withExif,
} from './fixtures.js';

const options: PrepareOptions = {
  maxDimension: 1600,
  quality: 0.85,
  maxFileSize: 25_000_000,
};

/** Asserts the output is the upright four-colour pattern (JPEG noise tolerated). */
async function expectUprightPattern(blob: Blob, width: number, height: number) {
  const px = await pixelsOf(blob);
  expect([px.width, px.height]).to.deep.equal([width, height]);
  const spots = [
    [width / 4, height / 4],
    [(3 * width) / 4, height / 4],
    [width / 4, (3 * height) / 4],
    [(3 * width) / 4, (3 * height) / 4],
  ];
  spots.forEach(([x, y], i) => {
    const got = px.at(x!, y!);
    const want = QUADRANTS[i]!;
    const off = Math.max(...got.map((v, c) => Math.abs(v - want[c]!)));
    expect(off, `quadrant ${i} at ${x},${y}: got ${got}, want ${want}`).to.be.below(48);
  });
}

async function codeOf(work: Promise<unknown>): Promise<string> {
  try {
    await work;
  } catch (e) {
    expect(e).to.be.instanceOf(PrepareError);
    return (e as PrepareError).code;
  }
  return 'resolved';
}

describe('prepareImage: EXIF orientation', () => {
  for (let o = 1; o <= 8; o++) {
    it(`orientation ${o}: a small photo comes out upright at its own size, without EXIF`, async () => {
      const out = await prepareImage(await orientedJpeg(o, 64, 48), options);
      expect([out.width, out.height]).to.deep.equal([64, 48]);
      expect(out.blob.type).to.equal('image/jpeg');
      expect(await hasExif(out.blob)).to.equal(false);
      await expectUprightPattern(out.blob, 64, 48);
    });

    it(`orientation ${o}: a larger photo is scaled while decoding and still upright`, async () => {
      const out = await prepareImage(await orientedJpeg(o, 480, 360), {
        ...options,
        maxDimension: 200,
      });
      expect([out.width, out.height]).to.deep.equal([200, 150]);
      await expectUprightPattern(out.blob, 200, 150);
    });
  }
});

describe('prepareImage: decoding at reduced scale', () => {
  it('keeps the photo proportions when the n/8 decode size rounds up (480×361 → 200×150, not 200×151)', async () => {
    const out = await prepareImage(await orientedJpeg(1, 480, 361), { ...options, maxDimension: 200 });
    expect([out.width, out.height]).to.deep.equal([200, 150]);
    await expectUprightPattern(out.blob, 200, 150);
  });

  it('where ImageDecoder exists, it alone decodes JPEGs of every orientation, scaled or not', async () => {
    const real = globalThis.createImageBitmap;
    const blobs: number[] = [];
    const inputs = new Set<number>();
    globalThis.createImageBitmap = ((source: ImageBitmapSource, ...rest: []) => {
      if (source instanceof Blob) blobs.push(source.size);
      return real(source, ...rest);
    }) as typeof createImageBitmap;
    try {
      for (let o = 1; o <= 8; o++) {
        const jpeg = await orientedJpeg(o, 480, 360);
        inputs.add(jpeg.size);
        for (const maxDimension of [480, 240]) {
          const out = await prepareImage(jpeg, { ...options, maxDimension });
          await expectUprightPattern(out.blob, maxDimension, (maxDimension * 3) / 4);
        }
      }
    } finally {
      globalThis.createImageBitmap = real;
    }
    // pixelsOf() above decodes the outputs too: count only the inputs (the fallback decodes a copy of one).
    const decodedInputs = blobs.filter((size) => inputs.has(size)).length;
    expect(decodedInputs).to.equal(typeof ImageDecoder === 'function' ? 0 : 16);
  });

  it('decodes the file itself when ImageDecoder took the bytes and then failed', async () => {
    const real = Object.getOwnPropertyDescriptor(globalThis, 'ImageDecoder');
    let took = 0;
    // Stands in for a decoder that accepts the transfer (detaching the bytes) but cannot decode the image.
    class FailingDecoder {
      completed = Promise.resolve();
      tracks = { ready: Promise.resolve() };
      constructor(init: ImageDecoderInit) {
        for (const buffer of init.transfer ?? []) took += structuredClone(buffer, { transfer: [buffer] }).byteLength;
      }
      decode() {
        return Promise.reject(new DOMException('unsupported', 'NotSupportedError'));
      }
      close() {}
    }
    Object.defineProperty(globalThis, 'ImageDecoder', { value: FailingDecoder, configurable: true, writable: true });
    try {
      const out = await prepareImage(await orientedJpeg(6, 480, 360), { ...options, maxDimension: 200 });
      expect(took).to.be.above(0);
      await expectUprightPattern(out.blob, 200, 150);
    } finally {
      if (real) Object.defineProperty(globalThis, 'ImageDecoder', real);
      else delete (globalThis as { ImageDecoder?: unknown }).ImageDecoder;
    }
  });
});

describe('prepareImage: a progressive JPEG made by another encoder', () => {
  it('with EXIF orientation 6 comes out upright, scaled while decoding', async () => {
    const jpeg = await withExif(fromBase64(PROGRESSIVE_ROTATED, 'image/jpeg'), 6);
    const out = await prepareImage(jpeg, { ...options, maxDimension: 48 });
    await expectUprightPattern(out.blob, 48, 32);
    expect(await hasExif(out.blob)).to.equal(false);
  });
});

describe('prepareImage: a 12-megapixel phone photo', () => {
  it('goes out upright, 1200×1600, a few hundred KB, with no EXIF or GPS', async function () {
    this.timeout(60000);
    const photo = await photoLikeJpeg(3000, 4000, 6); // stored 4000×3000 landscape, shown portrait
    expect(await hasExif(photo)).to.equal(true);
    const out = await prepareImage(photo, options);
    expect([out.width, out.height]).to.deep.equal([1200, 1600]);
    expect(out.blob.type).to.equal('image/jpeg');
    expect(out.blob.size).to.be.within(50_000, 900_000);
    expect(out.blob.size).to.be.below(photo.size / 2);
    expect(await hasExif(out.blob)).to.equal(false);
    expect(out.timings.prepare).to.be.above(0);
    await expectUprightPattern(out.blob, 1200, 1600);
  });
});

describe('prepareImage: other raster formats', () => {
  it('PNG is scaled and re-encoded as JPEG', async () => {
    const png = await toBlob(patternCanvas(400, 300), 'image/png');
    const out = await prepareImage(png, { ...options, maxDimension: 200 });
    expect(out.blob.type).to.equal('image/jpeg');
    await expectUprightPattern(out.blob, 200, 150);
  });

  for (const [name, data] of [
    ['lossless', WEBP_LOSSLESS],
    ['lossy', WEBP_LOSSY],
  ] as const) {
    it(`WebP (${name}) is re-encoded as JPEG`, async () => {
      const out = await prepareImage(fromBase64(data), options);
      expect(out.blob.type).to.equal('image/jpeg');
      await expectUprightPattern(out.blob, 64, 48);
    });

    it(`WebP (${name}) larger than maxDimension is scaled (decoded at full size, no header read)`, async () => {
      const out = await prepareImage(fromBase64(data), { ...options, maxDimension: 32 });
      expect([out.width, out.height]).to.deep.equal([32, 24]);
      await expectUprightPattern(out.blob, 32, 24);
    });
  }
});

describe('prepareImage: files it must refuse', () => {
  const notImages: [string, BlobPart][] = [
    ['SVG', '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>'],
    ['SVG with an XML prolog', '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"/>'],
    ['PDF', '%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n'],
    ['HTML', '<!doctype html><title>x</title><img src=x onerror=alert(1)>'],
    ['plain text', 'P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\n'],
    ['an empty file', ''],
  ];
  for (const [name, content] of notImages) {
    it(`${name} named photo.jpg and typed image/jpeg is unsupported-file`, async () => {
      const file = new File([content], 'photo.jpg', { type: 'image/jpeg' });
      expect(await codeOf(prepareImage(file, options))).to.equal('unsupported-file');
    });
  }

  it('a truncated JPEG is image-decode-failed (in every browser, Firefox included)', async () => {
    const jpeg = await orientedJpeg(1, 400, 300);
    const cut = new File([(await jpeg.arrayBuffer()).slice(0, Math.floor(jpeg.size * 0.6))], 'cut.jpg');
    expect(await codeOf(prepareImage(cut, options))).to.equal('image-decode-failed');
  });

  it('garbage behind a JPEG signature is image-decode-failed', async () => {
    const junk = new Blob([new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12])]);
    expect(await codeOf(prepareImage(junk, options))).to.equal('image-decode-failed');
  });

  it('a HEIC-looking file the browser cannot decode is image-decode-failed, not a crash', async () => {
    const heic = new Blob([
      new Uint8Array([
        0,
        0,
        0,
        24,
        ...'ftypheic'.split('').map((c) => c.charCodeAt(0)),
        0,
        0,
        0,
        0,
        0x6d,
        0x69,
        0x66,
        0x31,
        1,
        2,
        3,
      ]),
    ]);
    const code = await codeOf(prepareImage(heic, options));
    expect(code).to.equal('image-decode-failed');
  });

  it('a file over maxFileSize is file-too-large before a single byte is read', async () => {
    const huge = new Blob(['x']);
    const reads: string[] = [];
    Object.defineProperty(huge, 'size', { value: 26_000_000 });
    for (const m of ['arrayBuffer', 'slice', 'stream', 'text', 'bytes']) {
      Object.defineProperty(huge, m, {
        value: () => reads.push(m) && Promise.reject(new Error('read')),
      });
    }
    expect(await codeOf(prepareImage(huge, options))).to.equal('file-too-large');
    expect(reads).to.deep.equal([]);
  });

  it('maxFileSize is the limit that counts', async () => {
    const jpeg = await orientedJpeg(1, 64, 48);
    expect(await codeOf(prepareImage(jpeg, { ...options, maxFileSize: jpeg.size - 1 }))).to.equal('file-too-large');
    expect(await codeOf(prepareImage(jpeg, { ...options, maxFileSize: jpeg.size }))).to.equal('resolved');
  });
});

describe('prepareImage: abort', () => {
  it('an already aborted signal is aborted', async () => {
    const jpeg = await orientedJpeg(6, 64, 48);
    expect(await codeOf(prepareImage(jpeg, { ...options, signal: AbortSignal.abort() }))).to.equal('aborted');
  });

  it('aborting while it works ends in aborted, not in a result', async () => {
    const jpeg = await orientedJpeg(6, 480, 360);
    const controller = new AbortController();
    const work = prepareImage(jpeg, { ...options, signal: controller.signal });
    controller.abort();
    expect(await codeOf(work)).to.equal('aborted');
  });

  it('an abort at any moment ends in aborted (or a finished result), never in a decode failure', async function () {
    this.timeout(60000);
    const photo = await photoLikeJpeg(1500, 2000, 6);
    const seen = new Set<string>();
    for (const delay of [0, 1, 5, 10, 20, 40, 80]) {
      const controller = new AbortController();
      const work = prepareImage(photo, { ...options, maxDimension: 800, signal: controller.signal });
      setTimeout(() => controller.abort(), delay);
      const code = await codeOf(work);
      expect(['aborted', 'resolved']).to.include(code, `abort after ${delay} ms`);
      seen.add(code);
    }
    expect(seen.has('aborted')).to.equal(true);
  });
});

describe('prepareFrame', () => {
  it('crops the requested region of a frame', async () => {
    const frame = patternCanvas(400, 300);
    const out = await prepareFrame(frame, 400, 300, { x: 200, y: 0, width: 200, height: 150 }, options);
    expect([out.width, out.height]).to.deep.equal([200, 150]);
    const px = await pixelsOf(out.blob);
    for (const [x, y] of [
      [5, 5],
      [195, 5],
      [5, 145],
      [195, 145],
      [100, 75],
    ]) {
      expect(px.at(x!, y!).map((v) => Math.round(v / 50) * 50)).to.deep.equal([0, 200, 0]);
    }
    expect(out.blob.type).to.equal('image/jpeg');
  });

  it('crops across quadrants and scales to maxDimension', async () => {
    const frame = patternCanvas(400, 300);
    const out = await prepareFrame(
      frame,
      400,
      300,
      { x: 100, y: 75, width: 200, height: 150 },
      { ...options, maxDimension: 100 },
    );
    await expectUprightPattern(out.blob, 100, 75);
  });

  it('takes the whole frame without a crop, from an ImageBitmap too', async () => {
    const bitmap = await createImageBitmap(patternCanvas(400, 300));
    const out = await prepareFrame(bitmap, 400, 300, null, {
      ...options,
      maxDimension: 320,
    });
    await expectUprightPattern(out.blob, 320, 240);
    expect(await hasExif(out.blob)).to.equal(false);
  });
});
