/**
 * Where the ID-1 card should sit in a camera frame, and which pixels of the frame to keep. Shared by the
 * preview overlay (drawn in frame pixels, so it lines up with an `object-fit: contain` video), the
 * capture crop and the frame-quality analysis, so all three agree on the same rectangle.
 */

/** ID-1 (ISO/IEC 7810) card: 85.60 × 53.98 mm. */
export const ID1_WIDTH_MM = 85.6;
export const ID1_HEIGHT_MM = 53.98;
export const ID1_ASPECT = ID1_WIDTH_MM / ID1_HEIGHT_MM; // ≈ 1.586

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Share of the frame's limiting side the guide takes: room around the card to hold it without clipping. */
const fill = 0.8;

/** The largest centred ID-1 rectangle that takes `fill` of the frame along its limiting side. */
export function guideRect(frameWidth: number, frameHeight: number): Rect {
  const height = Math.min(frameHeight, frameWidth / ID1_ASPECT) * fill;
  const width = height * ID1_ASPECT;
  return {
    x: (frameWidth - width) / 2,
    y: (frameHeight - height) / 2,
    width,
    height,
  };
}

/**
 * The guide grown by `margin` (share of the guide's size on each side), clamped to the frame, in whole
 * pixels: a card held slightly off the guide still arrives whole.
 */
export function guideCrop(frameWidth: number, frameHeight: number, margin = 0.06): Rect {
  const g = guideRect(frameWidth, frameHeight);
  const x = Math.max(0, Math.floor(g.x - g.width * margin));
  const y = Math.max(0, Math.floor(g.y - g.height * margin));
  // The guide is centred, so the crop is too: as far in from the far edges as from the near ones.
  return { x, y, width: frameWidth - 2 * x, height: frameHeight - 2 * y };
}

/**
 * The MRZ of a TD1 card: three lines in the bottom 17.78 mm of the 53.98 mm card (ICAO 9303-5), i.e. the
 * bottom third. The band is a little taller than that so a card held a few millimetres high still counts.
 */
export function mrzBand(card: Rect): Rect {
  // From 60% of the card's height to 2% above its bottom edge, 3% in from either side.
  return {
    x: card.x + card.width * 0.03,
    y: card.y + card.height * 0.6,
    width: card.width * 0.94,
    height: card.height * 0.38,
  };
}
