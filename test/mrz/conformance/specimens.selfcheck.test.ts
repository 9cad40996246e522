// Re-derives, by arithmetic alone, every check-digit fact the specimen set states, so a typo in
// specimens.json (or a source whose claim contradicts ICAO arithmetic) cannot slip into the
// conformance run unnoticed. Deliberately shares no code with src/mrz.
import assert from "node:assert/strict";
import { describe, test } from "node:test";

import { type Format, type Specimen, specimens } from "./specimens.js";

const WEIGHTS = [7, 3, 1] as const;

/** ICAO 9303-3 §4.9: weights 7,3,1; `<` = 0, A = 10 … Z = 35. Null for a character outside the MRZ alphabet. */
function checkDigit(text: string): string | null {
  let sum = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    let value: number;
    if (ch === "<") value = 0;
    else if (ch >= "0" && ch <= "9") value = ch.charCodeAt(0) - 48;
    else if (ch >= "A" && ch <= "Z") value = ch.charCodeAt(0) - 55;
    else return null;
    sum += value * WEIGHTS[i % 3]!;
  }
  return String(sum % 10);
}

const LAYOUTS: Record<Format, number[]> = {
  TD1: [30, 30, 30],
  TD2: [36, 36],
  TD3: [44, 44],
};

function layoutOf(lines: string[]): Format | null {
  for (const [format, lengths] of Object.entries(LAYOUTS) as [
    Format,
    number[],
  ][]) {
    if (
      lines.length === lengths.length &&
      lines.every((l, i) => l.length === lengths[i])
    )
      return format;
  }
  return null;
}

interface LongNumber {
  number: string;
  icao: boolean;
  includeFiller: boolean;
}

/** 9303-5 note j: principal part, `<` in place of the check digit, continuation + check digit in optional data. */
function longNumber(principal: string, optional: string): LongNumber {
  const segment = optional.split("<")[0] ?? "";
  const continuation = segment.slice(0, -1);
  const stated = segment.slice(-1);
  return {
    number: principal + continuation,
    icao: checkDigit(principal + continuation) === stated,
    includeFiller: checkDigit(`${principal}<${continuation}`) === stated,
  };
}

interface Recomputed {
  checks: Record<string, boolean>;
  /** [line, index] of each check digit. */
  at: Record<string, [number, number]>;
  long?: LongNumber;
  birth: string;
  expiry: string;
}

function recompute(format: Format, lines: string[]): Recomputed {
  const is = (text: string, digit: string | undefined) =>
    checkDigit(text) === digit;
  if (format === "TD1") {
    const [a, b] = lines as [string, string, string];
    const long =
      a[14] === "<" && a[15] !== "<"
        ? longNumber(a.slice(5, 14), a.slice(15, 30))
        : undefined;
    return {
      long,
      birth: b.slice(0, 6),
      expiry: b.slice(8, 14),
      at: {
        documentNumber: long
          ? [0, 15 + a.slice(15).split("<")[0]!.length - 1]
          : [0, 14],
        birthDate: [1, 6],
        expirationDate: [1, 14],
        composite: [1, 29],
      },
      checks: {
        documentNumber: long ? long.icao : is(a.slice(5, 14), a[14]),
        birthDate: is(b.slice(0, 6), b[6]),
        expirationDate: is(b.slice(8, 14), b[14]),
        composite: is(
          a.slice(5, 30) + b.slice(0, 7) + b.slice(8, 15) + b.slice(18, 29),
          b[29],
        ),
      },
    };
  }
  const b = lines[1]!;
  const common = {
    birthDate: is(b.slice(13, 19), b[19]),
    expirationDate: is(b.slice(21, 27), b[27]),
  };
  if (format === "TD2") {
    const long =
      b[9] === "<" && b[28] !== "<"
        ? longNumber(b.slice(0, 9), b.slice(28, 35))
        : undefined;
    return {
      long,
      birth: b.slice(13, 19),
      expiry: b.slice(21, 27),
      at: {
        documentNumber: long
          ? [1, 28 + b.slice(28, 35).split("<")[0]!.length - 1]
          : [1, 9],
        birthDate: [1, 19],
        expirationDate: [1, 27],
        composite: [1, 35],
      },
      checks: {
        documentNumber: long ? long.icao : is(b.slice(0, 9), b[9]),
        ...common,
        composite: is(
          b.slice(0, 10) + b.slice(13, 20) + b.slice(21, 35),
          b[35],
        ),
      },
    };
  }
  const personal = b.slice(28, 42);
  return {
    birth: b.slice(13, 19),
    expiry: b.slice(21, 27),
    at: {
      documentNumber: [1, 9],
      birthDate: [1, 19],
      expirationDate: [1, 27],
      personalNumber: [1, 42],
      composite: [1, 43],
    },
    checks: {
      documentNumber: is(b.slice(0, 9), b[9]),
      ...common,
      // 9303-4: an empty personal number may carry `<` or `0` as its check digit.
      personalNumber:
        personal === "<".repeat(14)
          ? b[42] === "<" || b[42] === "0"
          : is(personal, b[42]),
      composite: is(b.slice(0, 10) + b.slice(13, 20) + b.slice(21, 43), b[43]),
    },
  };
}

function realDate(year: number, month: number, day: number): boolean {
  const d = new Date(Date.UTC(year, month - 1, day));
  return (
    d.getUTCFullYear() === year &&
    d.getUTCMonth() === month - 1 &&
    d.getUTCDate() === day
  );
}

const today = new Date();
const todayUtc = Date.UTC(
  today.getUTCFullYear(),
  today.getUTCMonth(),
  today.getUTCDate(),
);

/** The century rules, evaluated against the real current date. */
function isoDate(raw: string, kind: "birth" | "expiry"): string | null {
  if (!/^\d{6}$/.test(raw)) return null;
  const yy = Number(raw.slice(0, 2));
  const mm = Number(raw.slice(2, 4));
  const dd = Number(raw.slice(4, 6));
  let year: number;
  if (kind === "birth") {
    year = 2000 + yy;
    if (Date.UTC(year, mm - 1, dd) > todayUtc) year -= 100;
  } else {
    year = 2000 + yy - today.getUTCFullYear() >= 50 ? 1900 + yy : 2000 + yy;
  }
  if (!realDate(year, mm, dd)) return null;
  return `${year}-${raw.slice(2, 4)}-${raw.slice(4, 6)}`;
}

function normalise(input: string): string[] {
  return input
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l.length > 0);
}

const byId = new Map(specimens.map((s) => [s.id, s]));

describe("check-digit function used by the self-check", () => {
  test("reproduces the worked examples of ICAO 9303-3 Appendix A", () => {
    assert.equal(checkDigit("520727"), "3");
    assert.equal(checkDigit("AB2134<<<"), "5");
    assert.equal(checkDigit("HA672242<658022549601086<<<<<<<<<<<<<<0"), "8");
    assert.equal(
      checkDigit("D231458907<<<<<<<<<<<<<<<34071279507122<<<<<<<<<<<"),
      "2",
    );
    assert.equal(checkDigit("a"), null);
  });
});

describe("specimen set", () => {
  test("holds 40+ published specimens, each with provenance, ids unique", () => {
    const published = specimens.filter((s) => s.derivedFrom === undefined);
    assert.ok(
      published.length >= 40,
      `only ${published.length} published specimens`,
    );
    assert.equal(byId.size, specimens.length, "duplicate ids");
    for (const s of specimens) {
      assert.ok(s.source.length > 0, `${s.id}: no source`);
      for (const src of s.source) {
        if (src.kind === "derived") {
          assert.ok(
            s.derivedFrom && byId.has(s.derivedFrom),
            `${s.id}: derivedFrom must name a specimen`,
          );
        } else {
          assert.ok(
            src.repo && src.path && (src.commit ?? src.version),
            `${s.id}: source needs repo, path and commit/version`,
          );
        }
      }
    }
  });

  test("covers valid and invalid cases of every format and the visa look-alikes", () => {
    for (const format of ["TD1", "TD2", "TD3"] as const) {
      assert.ok(
        specimens.some((s) => s.expectedFormat === format && s.expectedValid),
        `no valid ${format}`,
      );
      assert.ok(
        specimens.some((s) => s.expectedFormat === format && !s.expectedValid),
        `no invalid ${format}`,
      );
    }
    const visas = specimens.filter(
      (s) => s.lines[0]?.startsWith("V") && s.expectedFormat === null,
    );
    assert.ok(
      visas.some((s) => s.lines[0]!.length === 44) &&
        visas.some((s) => s.lines[0]!.length === 36),
    );
  });
});

describe("every specimen agrees with ICAO arithmetic", () => {
  for (const s of specimens) {
    test(s.id, () => checkSpecimen(s));
  }
});

function checkSpecimen(s: Specimen): void {
  if (s.input !== undefined)
    assert.deepEqual(
      normalise(s.input),
      s.lines,
      "input does not normalise to lines",
    );
  const layout = layoutOf(s.lines);
  if (s.expectedFormat)
    assert.equal(
      layout,
      s.expectedFormat,
      "line lengths do not match expectedFormat",
    );
  if (s.expectedFormat === null && layout !== null) {
    // Only visas share TD2/TD3 lengths; they must be the ones expected not to parse as TD.
    assert.equal(
      s.lines[0]![0],
      "V",
      "a TD-shaped specimen expected to give format null must be a visa",
    );
  }
  if (s.expectedValid) {
    assert.ok(s.expectedFormat, "a valid specimen needs a format");
    for (const line of s.lines)
      assert.match(
        line,
        /^[A-Z0-9<]+$/,
        "illegal character in a valid specimen",
      );
  }
  if (!layout || s.lines.some((l) => !/^[A-Z0-9<]+$/.test(l))) {
    assert.equal(
      s.expectedChecks,
      undefined,
      "checks stated for a specimen that has no TD layout or legal characters",
    );
    return;
  }
  const got = recompute(layout, s.lines);
  if (s.expectedChecks) {
    assert.deepEqual(
      got.checks,
      s.expectedChecks,
      "stated checks differ from arithmetic",
    );
    const marked = JSON.stringify(s.expectedInvalidAt ?? []);
    for (const [name, ok] of Object.entries(got.checks)) {
      if (!ok)
        assert.ok(
          marked.includes(JSON.stringify(got.at[name])),
          `failing ${name} check digit not in expectedInvalidAt`,
        );
    }
  }
  for (const [line, index] of s.expectedInvalidAt ?? []) {
    assert.ok(
      s.lines[line] !== undefined && index < s.lines[line]!.length,
      `expectedInvalidAt [${line}, ${index}] is outside the lines`,
    );
  }
  if (s.expectedValid) {
    assert.ok(
      Object.values(got.checks).every(Boolean),
      "valid specimen with a failing check digit",
    );
    assert.match(
      got.birth,
      /^(\d\d|<<)(0[1-9]|1[0-2]|<<)(0[1-9]|[12]\d|3[01]|<<)$/,
      "birth date shape",
    );
  }
  if (s.longDocumentNumber) {
    assert.ok(
      got.long,
      "longDocumentNumber stated but no long number in the lines",
    );
    assert.deepEqual(
      {
        icaoRuleHolds: got.long.icao,
        includeFillerVariantHolds: got.long.includeFiller,
      },
      s.longDocumentNumber,
    );
    if (s.expected?.documentNumber !== undefined)
      assert.equal(s.expected.documentNumber, got.long.number);
  }
  if (s.expected && "birthDate" in s.expected) {
    assert.equal(
      s.expected.birthDate,
      isoDate(got.birth, "birth"),
      "birthDate (century rule drifted? update the fixture)",
    );
  }
  if (s.expected && "expirationDate" in s.expected) {
    assert.equal(
      s.expected.expirationDate,
      isoDate(got.expiry, "expiry"),
      "expirationDate (century rule drifted? update the fixture)",
    );
  }
}
