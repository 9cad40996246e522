/**
 * ICAO 9303-3 §4.9 check digit: weights 7,3,1 repeating, `0-9` = 0-9, `A-Z` = 10-35, `<` = 0.
 * Returns -1 when the input holds a character outside the MRZ alphabet, so that an illegal
 * character can never pass a check by coincidence (cheminfo/mrz counts a space as 32).
 */
export function checkDigit(value: string): number {
  const weights = [7, 3, 1];
  let sum = 0;
  for (let i = 0; i < value.length; i++) {
    const v = charValue(value.charCodeAt(i));
    if (v < 0) return -1;
    sum += v * weights[i % 3]!;
  }
  return sum % 10;
}

/** Value of one MRZ character code, or -1 when it is not in `A-Z0-9<`. */
export function charValue(code: number): number {
  if (code >= 48 && code <= 57) return code - 48; // 0-9
  if (code >= 65 && code <= 90) return code - 55; // A-Z
  if (code === 60) return 0; // <
  return -1;
}
