/** Image types the backend accepts, recognised by their first bytes — never by what the client claims. */
export type ImageMediaType = "image/jpeg" | "image/png" | "image/webp";

/** Bytes needed to tell every accepted type apart (WebP: "RIFF" size "WEBP"). */
export const SNIFF_BYTES = 12;

export function sniffImageType(bytes: Uint8Array): ImageMediaType | null {
  if (
    bytes.length >= 3 &&
    bytes[0] === 0xff &&
    bytes[1] === 0xd8 &&
    bytes[2] === 0xff
  )
    return "image/jpeg";
  if (
    bytes.length >= 4 &&
    bytes[0] === 0x89 &&
    bytes[1] === 0x50 &&
    bytes[2] === 0x4e &&
    bytes[3] === 0x47
  ) {
    return "image/png";
  }
  if (bytes.length >= 12 && ascii(bytes, 0, "RIFF") && ascii(bytes, 8, "WEBP"))
    return "image/webp";
  return null;
}

/** True while `bytes` is too short to decide but could still become an accepted type. */
export function couldBeImage(bytes: Uint8Array): boolean {
  const prefixes = [
    [0xff, 0xd8, 0xff],
    [0x89, 0x50, 0x4e, 0x47],
    [0x52, 0x49, 0x46, 0x46],
  ];
  return prefixes.some((p) =>
    p.every((b, i) => i >= bytes.length || bytes[i] === b),
  );
}

export function extensionFor(type: ImageMediaType): string {
  return type === "image/jpeg" ? "jpg" : type === "image/png" ? "png" : "webp";
}

function ascii(bytes: Uint8Array, at: number, text: string): boolean {
  for (let i = 0; i < text.length; i++)
    if (bytes[at + i] !== text.charCodeAt(i)) return false;
  return true;
}
