/**
 * Fictional identities for the synthetic card set, with ICAO 9303 check digits computed here, so the
 * expected MRZ of every generated image is known exactly. No real person's data.
 */
import { checkDigit } from '../../src/mrz/check-digit.js';

export interface Identity {
  readonly id: string;
  /** The MRZ lines: three of 30 (TD1), or two of 44 (TD3). */
  readonly mrz: readonly string[];
  /** Shown in the visual zone of the card. */
  readonly surname: string;
  readonly given: string;
  readonly country: string;
}

function pad(s: string, n: number): string {
  if (s.length > n) throw new Error(`field too long: ${s}`);
  return s + '<'.repeat(n - s.length);
}

function cd(s: string): string {
  const d = checkDigit(s);
  if (d < 0) throw new Error(`bad MRZ characters in ${s}`);
  return String(d);
}

function name(surname: string, given: string): string {
  const full = `${surname.replace(/ /g, '<')}<<${given.replace(/ /g, '<')}`;
  return pad(full.slice(0, 30), 30);
}

interface Td1Fields {
  code: string; state: string; number: string; optional1: string;
  birth: string; sex: string; expiry: string; nationality: string; optional2: string;
  surname: string; given: string;
}

export function td1(f: Td1Fields): [string, string, string] {
  const l1 = `${pad(f.code, 2)}${pad(f.state, 3)}${pad(f.number, 9)}${cd(pad(f.number, 9))}${pad(f.optional1, 15)}`;
  const l2head = `${f.birth}${cd(f.birth)}${f.sex}${f.expiry}${cd(f.expiry)}${pad(f.nationality, 3)}${pad(f.optional2, 11)}`;
  const composite = l1.slice(5, 30) + l2head.slice(0, 7) + l2head.slice(8, 15) + l2head.slice(18, 29);
  const l2 = l2head + cd(composite);
  return [l1, l2, name(f.surname, f.given)];
}

/** KAZ IIN control digit (MRZ-SPEC §10): weights 1..11, then 3..11,1,2 when the first sum gives 10. */
export function iinControl(first11: string): number {
  const d = first11.split('').map(Number);
  let s = d.reduce((a, v, i) => a + v * (i + 1), 0) % 11;
  if (s === 10) s = d.reduce((a, v, i) => a + v * (((i + 2) % 11) + 1), 0) % 11;
  return s;
}

function iin(yymmdd: string, centurySex: number, serial: string): string {
  const first = `${yymmdd}${centurySex}${serial}`;
  const k = iinControl(first);
  if (k === 10) throw new Error(`IIN ${first} cannot be issued; pick another serial`);
  return first + k;
}

/** KGZ PIN: S DDMMYYYY NNNNN, S = 1 female / 2 male (MRZ-SPEC §9). */
function pin(sex: 'F' | 'M', ddmmyyyy: string, serial: string): string {
  return `${sex === 'F' ? 1 : 2}${ddmmyyyy}${serial}`;
}

export const IDENTITIES: readonly Identity[] = [
  {
    id: 'kgz-aigul', surname: 'OBRAZETS', given: 'AIGUL', country: 'KYRGYZ REPUBLIC',
    mrz: td1({ code: 'ID', state: 'KGZ', number: 'ID0000471', optional1: pin('F', '15031990', '00732'),
      birth: '900315', sex: 'F', expiry: '320514', nationality: 'KGZ', optional2: '', surname: 'OBRAZETS', given: 'AIGUL' }),
  },
  {
    id: 'kaz-zhansulu', surname: 'SATPAYEVA ABDIKARIMOVA', given: 'ZHANSULU ALTYNAI', country: 'REPUBLIC OF KAZAKHSTAN',
    mrz: td1({ code: 'ID', state: 'KAZ', number: '041236587', optional1: iin('881104', 4, '0100'),
      birth: '881104', sex: 'F', expiry: '290617', nationality: 'KAZ', optional2: '', surname: 'SATPAYEVA<ABDIKARIMOVA', given: 'ZHANSULU<ALTYNAI' }),
  },
  {
    id: 'uto-anna', surname: 'ERIKSSON', given: 'ANNA MARIA', country: 'UTOPIA',
    mrz: td1({ code: 'I', state: 'UTO', number: 'D23145890', optional1: '',
      birth: '740812', sex: 'F', expiry: '340415', nationality: 'UTO', optional2: '', surname: 'ERIKSSON', given: 'ANNA<MARIA' }),
  },
  {
    id: 'kgz-li', surname: 'LI', given: 'AN', country: 'KYRGYZ REPUBLIC',
    mrz: td1({ code: 'ID', state: 'KGZ', number: 'ID7650329', optional1: pin('M', '02112001', '41908'),
      birth: '011102', sex: 'M', expiry: '311108', nationality: 'KGZ', optional2: '', surname: 'LI', given: 'AN' }),
  },
  {
    id: 'kaz-nurlan', surname: 'ZHAKSYBEKOV', given: 'NURLAN', country: 'REPUBLIC OF KAZAKHSTAN',
    mrz: td1({ code: 'ID', state: 'KAZ', number: '019876543', optional1: iin('030507', 5, '2718'),
      birth: '030507', sex: 'M', expiry: '330506', nationality: 'KAZ', optional2: '', surname: 'ZHAKSYBEKOV', given: 'NURLAN' }),
  },
  {
    id: 'uto-quentin', surname: 'VANDERBERGHE MONTGOMERY', given: 'QUENTIN WOLFGANG', country: 'UTOPIA',
    mrz: td1({ code: 'IR', state: 'UTO', number: 'X4RTB8Q19', optional1: 'WJ6<H5K',
      birth: '661229', sex: 'M', expiry: '270830', nationality: 'UTO', optional2: 'Z0O1I8S5B', surname: 'VANDERBERGHE<MONTGOMERY', given: 'QUENTIN<WOLFGANG' }),
  },
];

/** TD3 (passport, 2 × 44), built by the same rules (9303-4 §4.2.2). */
export function td3(f: { state: string; number: string; nationality: string; birth: string; sex: string; expiry: string; personal: string; surname: string; given: string }): [string, string] {
  const l1 = pad(`P<${pad(f.state, 3)}${f.surname}<<${f.given}`.slice(0, 44), 44);
  const num = pad(f.number, 9), pers = pad(f.personal, 14);
  const persCd = /^<*$/.test(pers) ? '<' : cd(pers);
  const head = `${num}${cd(num)}${pad(f.nationality, 3)}${f.birth}${cd(f.birth)}${f.sex}${f.expiry}${cd(f.expiry)}${pers}${persCd}`;
  const composite = head.slice(0, 10) + head.slice(13, 20) + head.slice(21, 43);
  return [l1, head + cd(composite)];
}

export const PASSPORT = {
  id: 'uto-passport',
  surname: 'ERIKSSON',
  given: 'ANNA MARIA',
  mrz: td3({ state: 'UTO', number: 'L898902C3', nationality: 'UTO', birth: '740812', sex: 'F', expiry: '340415', personal: 'ZE184226B', surname: 'ERIKSSON', given: 'ANNA<MARIA' }),
} as const;
