/** A grayscale raster: one byte per pixel, row-major, 0 = black. The reader's only image type. */
export interface Gray {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8Array;
}

/** Box-averages by an integer factor: cheap anti-aliased downscaling. */
export function boxDownscale(src: Gray, factor: number): Gray {
  if (factor <= 1) return src;
  const w = Math.floor(src.width / factor), h = Math.floor(src.height / factor);
  const out = new Uint8Array(w * h);
  const acc = new Uint32Array(w);
  const n = factor * factor;
  for (let y = 0; y < h; y++) {
    acc.fill(0);
    for (let dy = 0; dy < factor; dy++) {
      const row = (y * factor + dy) * src.width;
      for (let x = 0, sx = row; x < w; x++) {
        let s = 0;
        for (let dx = 0; dx < factor; dx++) s += src.data[sx++]!;
        acc[x]! += s;
      }
    }
    for (let x = 0; x < w; x++) out[y * w + x] = (acc[x]! + (n >> 1)) / n;
  }
  return { width: w, height: h, data: out };
}

/** Halving pyramid, finest first, each level anti-aliased from the previous one. */
export function pyramid(src: Gray, minLongSide: number): Gray[] {
  const levels = [src];
  let cur = src;
  while (Math.max(cur.width, cur.height) / 2 >= minLongSide) {
    cur = boxDownscale(cur, 2);
    levels.push(cur);
  }
  return levels;
}

/** 3x3 mean filter: tames sensor noise before thresholding. */
export function mean3(src: Gray): Gray {
  const { width: w, height: h, data } = src;
  const out = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) {
    const y0 = Math.max(0, y - 1), y1 = Math.min(h - 1, y + 1);
    for (let x = 0; x < w; x++) {
      const x0 = Math.max(0, x - 1), x1 = Math.min(w - 1, x + 1);
      let s = 0, n = 0;
      for (let yy = y0; yy <= y1; yy++) for (let xx = x0; xx <= x1; xx++) { s += data[yy * w + xx]!; n++; }
      out[y * w + x] = s / n;
    }
  }
  return { width: w, height: h, data: out };
}

/** Bilinear sample with clamping at the border. */
export function sample(img: Gray, x: number, y: number): number {
  const w = img.width, h = img.height;
  if (x < 0) x = 0; else if (x > w - 1.001) x = w - 1.001;
  if (y < 0) y = 0; else if (y > h - 1.001) y = h - 1.001;
  const x0 = x | 0, y0 = y | 0, fx = x - x0, fy = y - y0;
  const i = y0 * w + x0, d = img.data;
  const a = d[i]!, b = d[i + 1]!, c = d[i + w]!, e = d[i + w + 1]!;
  return (a + (b - a) * fx) * (1 - fy) + (c + (e - c) * fx) * fy;
}

/** Rotates 90° clockwise: a card photographed sideways (or a photo whose EXIF turn was ignored). */
export function rotate90(src: Gray): Gray {
  const { width: w, height: h, data } = src;
  const out = new Uint8Array(w * h);
  // Destination (x', y') = (h - 1 - y, x); new width is h.
  for (let y = 0; y < h; y++) {
    const row = y * w, nx = h - 1 - y;
    for (let x = 0; x < w; x++) out[x * h + nx] = data[row + x]!;
  }
  return { width: h, height: w, data: out };
}
