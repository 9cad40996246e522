// Held-out conformance run: the BUILT dist/mrz.js against published ICAO/PRADO specimens
// (specimens.json). It reads the shipped artefact, not src/, so it checks what integrators get.
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { describe, test } from "node:test";
import { fileURLToPath } from "node:url";

import { type Specimen, specimens } from "./specimens.js";

// Only the public contract of issue 2 is assumed here; no types are borrowed from src/mrz.
interface Detail {
  field: string;
  valid: boolean;
  line: number;
  start: number;
  end: number;
}
interface ParseResult {
  format: "TD1" | "TD2" | "TD3" | null;
  valid: boolean;
  fields: Record<string, unknown>;
  checks: Record<string, unknown>;
  details: Detail[];
  lines: string[];
}
type ParseMrz = (input: string | string[]) => ParseResult;

const distUrl = new URL("../../../dist/mrz.js", import.meta.url);
const MISSING = `dist/mrz.js not found at ${fileURLToPath(distUrl)}: run npm run build first`;

let parseMrz: ParseMrz | undefined;
if (existsSync(distUrl)) {
  const mod = (await import(distUrl.href)) as { parseMrz?: ParseMrz };
  parseMrz = mod.parseMrz;
}

function parser(): ParseMrz {
  assert.ok(existsSync(distUrl), MISSING);
  assert.equal(
    typeof parseMrz,
    "function",
    "dist/mrz.js does not export parseMrz",
  );
  return parseMrz!;
}

/** Every disagreement of one specimen, so a single run shows the whole picture. */
function mismatches(s: Specimen, parse: ParseMrz): string[] {
  const out: string[] = [];
  const input = s.input ?? s.lines;
  let r: ParseResult;
  try {
    r = parse(input);
  } catch (error) {
    return [`parseMrz threw: ${String(error)}`];
  }
  const allowed = s.expectedFormatOneOf ?? [s.expectedFormat ?? null];
  if (!allowed.includes(r.format))
    out.push(`format: got ${r.format}, want ${allowed.join(" or ")}`);
  if (r.valid !== s.expectedValid)
    out.push(`valid: got ${r.valid}, want ${s.expectedValid}`);
  for (const [field, want] of Object.entries(s.expected ?? {})) {
    const got = r.fields?.[field];
    if (got !== want)
      out.push(
        `fields.${field}: got ${JSON.stringify(got)}, want ${JSON.stringify(want)}`,
      );
  }
  for (const [check, want] of Object.entries(s.expectedChecks ?? {})) {
    const got = r.checks?.[check];
    if (got !== want)
      out.push(`checks.${check}: got ${JSON.stringify(got)}, want ${want}`);
  }
  const details = Array.isArray(r.details) ? r.details : [];
  if (!Array.isArray(r.details)) out.push("details is not an array");
  for (const d of details) {
    const shaped =
      typeof d.field === "string" &&
      typeof d.valid === "boolean" &&
      Number.isInteger(d.line) &&
      Number.isInteger(d.start) &&
      Number.isInteger(d.end) &&
      d.start <= d.end;
    if (!shaped)
      out.push(
        `detail not of shape {field, valid, line, start<=end}: ${JSON.stringify(d)}`,
      );
  }
  for (const [line, index] of s.expectedInvalidAt ?? []) {
    const covered = details.some(
      (d) =>
        d.valid === false &&
        d.line === line &&
        d.start <= index &&
        index < d.end,
    );
    if (!covered)
      out.push(
        `no invalid detail covers line ${line} index ${index} (${JSON.stringify(s.lines[line]?.[index])})`,
      );
  }
  if (s.expectedValid) {
    if (JSON.stringify(r.lines) !== JSON.stringify(s.lines)) {
      out.push(
        `lines: got ${JSON.stringify(r.lines)}, want ${JSON.stringify(s.lines)}`,
      );
    }
    const bad = details.filter((d) => d.valid === false).map((d) => d.field);
    if (bad.length > 0)
      out.push(`valid MRZ but details flag ${bad.join(", ")}`);
  } else if (r.format !== null && !details.some((d) => d.valid === false)) {
    // A UI highlights what failed from details; an invalid TD result must point at something.
    out.push("invalid but no detail has valid:false");
  }
  if (s.input === undefined) {
    // The same MRZ as one LF-separated string (what backends send) must parse identically.
    try {
      const joined = parse(s.lines.join("\n"));
      for (const key of ["format", "valid", "fields", "checks"] as const) {
        if (JSON.stringify(joined[key]) !== JSON.stringify(r[key]))
          out.push(`string input differs from array input in ${key}`);
      }
    } catch (error) {
      out.push(`parseMrz threw on the joined string: ${String(error)}`);
    }
  }
  return out;
}

describe("dist/mrz.js conformance (held-out published specimens)", () => {
  test("dist/mrz.js is built and exports parseMrz", () => {
    parser();
  });

  for (const s of specimens) {
    test(s.id, () => {
      const problems = mismatches(s, parser());
      assert.deepEqual(problems, [], `${s.id}${s.note ? ` — ${s.note}` : ""}`);
    });
  }
});
