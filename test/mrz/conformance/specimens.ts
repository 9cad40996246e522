// Loads the held-out specimen set. Shared by the conformance test and its self-check so both read
// exactly the same data; nothing here comes from src/mrz (the set must stay independent of it).
import { readFileSync } from "node:fs";

export type Format = "TD1" | "TD2" | "TD3";

export interface SpecimenSource {
  repo?: string;
  path?: string;
  commit?: string;
  version?: string;
  test?: string;
  document?: string;
  kind?: "derived";
  by?: string;
  note?: string;
}

export interface Specimen {
  id: string;
  source: SpecimenSource[];
  derivedFrom?: string;
  /** Raw string handed to parseMrz instead of `lines` (transport variants: CRLF, whitespace). */
  input?: string;
  /** The lines as published (or, with `input`, as they must come out normalised). */
  lines: string[];
  expectedFormat?: Format | null;
  expectedFormatOneOf?: (Format | null)[];
  expectedValid: boolean;
  expected?: Record<string, string | null>;
  expectedChecks?: Record<string, boolean>;
  longDocumentNumber?: {
    icaoRuleHolds: boolean;
    includeFillerVariantHolds: boolean;
  };
  /** [line, index] (0-based) of characters some invalid detail must cover: failing check digits, bad sex, impossible dates, illegal characters. */
  expectedInvalidAt?: [number, number][];
  note?: string;
}

interface SpecimenFile {
  asOf: string;
  specimens: Specimen[];
}

export const specimenFile = JSON.parse(
  readFileSync(new URL("./specimens.json", import.meta.url), "utf8"),
) as SpecimenFile;

export const specimens = specimenFile.specimens;
