export const REDACTED = "[redacted]";

/** A copy of a JSON value with every occurrence of `secret` in strings and keys replaced. */
export function redactJson<T>(value: T, secret: string | undefined): T {
  if (!secret) return value;
  const walk = (v: unknown): unknown => {
    if (typeof v === "string") return v.split(secret).join(REDACTED);
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === "object") {
      return Object.fromEntries(
        Object.entries(v).map(([k, x]) => [
          k.split(secret).join(REDACTED),
          walk(x),
        ]),
      );
    }
    return v;
  };
  return walk(value) as T;
}

export function redactText(text: string, secret: string | undefined): string {
  return secret ? text.split(secret).join(REDACTED) : text;
}
