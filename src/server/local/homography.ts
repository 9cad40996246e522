/** Plane-to-plane projective maps, fitted by least squares (normalised DLT with h33 = 1). */
export type Homography = Float64Array; // 9 entries, row-major

export function apply(h: Homography, x: number, y: number): [number, number] {
  const w = h[6]! * x + h[7]! * y + h[8]!;
  return [(h[0]! * x + h[1]! * y + h[2]!) / w, (h[3]! * x + h[4]! * y + h[5]!) / w];
}

function solve(a: Float64Array, b: Float64Array, n: number): Float64Array | null {
  // Gaussian elimination with partial pivoting on an n x n system.
  for (let c = 0; c < n; c++) {
    let piv = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(a[r * n + c]!) > Math.abs(a[piv * n + c]!)) piv = r;
    if (Math.abs(a[piv * n + c]!) < 1e-12) return null;
    if (piv !== c) {
      for (let k = 0; k < n; k++) { const t = a[c * n + k]!; a[c * n + k] = a[piv * n + k]!; a[piv * n + k] = t; }
      const t = b[c]!; b[c] = b[piv]!; b[piv] = t;
    }
    for (let r = c + 1; r < n; r++) {
      const f = a[r * n + c]! / a[c * n + c]!;
      if (f === 0) continue;
      for (let k = c; k < n; k++) a[r * n + k]! -= f * a[c * n + k]!;
      b[r]! -= f * b[c]!;
    }
  }
  const x = new Float64Array(n);
  for (let r = n - 1; r >= 0; r--) {
    let s = b[r]!;
    for (let k = r + 1; k < n; k++) s -= a[r * n + k]! * x[k]!;
    x[r] = s / a[r * n + r]!;
  }
  return x;
}

/** Fits the map src → dst (≥ 4 point pairs). Returns null when the points are degenerate. */
export function fitHomography(src: ArrayLike<number>, dst: ArrayLike<number>): Homography | null {
  const n = src.length / 2;
  if (n < 4) return null;
  // Normalise both point sets (centroid at 0, mean distance √2) for a well-conditioned system.
  const norm = (p: ArrayLike<number>): [number, number, number] => {
    let mx = 0, my = 0;
    for (let i = 0; i < n; i++) { mx += p[2 * i]!; my += p[2 * i + 1]!; }
    mx /= n; my /= n;
    let d = 0;
    for (let i = 0; i < n; i++) d += Math.hypot(p[2 * i]! - mx, p[2 * i + 1]! - my);
    const s = d > 0 ? (Math.SQRT2 * n) / d : 1;
    return [mx, my, s];
  };
  const [smx, smy, ss] = norm(src), [dmx, dmy, ds] = norm(dst);
  const ata = new Float64Array(64), atb = new Float64Array(8);
  const row = new Float64Array(8);
  for (let i = 0; i < n; i++) {
    const X = (src[2 * i]! - smx) * ss, Y = (src[2 * i + 1]! - smy) * ss;
    const x = (dst[2 * i]! - dmx) * ds, y = (dst[2 * i + 1]! - dmy) * ds;
    for (let e = 0; e < 2; e++) {
      row.fill(0);
      const t = e === 0 ? x : y;
      if (e === 0) { row[0] = X; row[1] = Y; row[2] = 1; } else { row[3] = X; row[4] = Y; row[5] = 1; }
      row[6] = -X * t; row[7] = -Y * t;
      for (let j = 0; j < 8; j++) {
        atb[j]! += row[j]! * t;
        for (let k = 0; k < 8; k++) ata[j * 8 + k]! += row[j]! * row[k]!;
      }
    }
  }
  const sol = solve(ata, atb, 8);
  if (!sol) return null;
  const hn = new Float64Array([sol[0]!, sol[1]!, sol[2]!, sol[3]!, sol[4]!, sol[5]!, sol[6]!, sol[7]!, 1]);
  // Undo the normalisation: H = Td^-1 · Hn · Ts.
  const ts = new Float64Array([ss, 0, -ss * smx, 0, ss, -ss * smy, 0, 0, 1]);
  const tdInv = new Float64Array([1 / ds, 0, dmx, 0, 1 / ds, dmy, 0, 0, 1]);
  return mul(tdInv, mul(hn, ts));
}

export function mul(a: Homography, b: Homography): Homography {
  const r = new Float64Array(9);
  for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) {
    let s = 0;
    for (let k = 0; k < 3; k++) s += a[i * 3 + k]! * b[k * 3 + j]!;
    r[i * 3 + j] = s;
  }
  return r;
}
