import type { ParseContext } from './context.js';
import { badChar } from './normalize.js';

/**
 * Name field `PRIMARY<<SECONDARY` (ICAO 9303-3 §4.6): split at the first `<<`, inner `<` become spaces.
 * A name with only a primary identifier has no `<<`. Only letters and fillers are allowed.
 * Records a `lastName` and a `firstName` detail whose ranges cover exactly their characters.
 */
export function parseName(ctx: ParseContext, line: number, start: number, end: number): void {
  const text = ctx.lines[line]!;
  const bad = start + text.slice(start, end).search(/[^A-Z<]/);
  const error = bad < start ? undefined : badChar(text, bad, 'A-Z or <');
  let last = end;
  while (last > start && text.charCodeAt(last - 1) === 60) last--; // trailing fillers
  const sep = text.indexOf('<<', start);
  const split = sep >= 0 && sep < last;
  const primaryEnd = split ? sep : last;
  const secondaryStart = split ? sep + 2 : last;
  const lastName = spaced(text.slice(start, primaryEnd));
  const firstName = spaced(text.slice(secondaryStart, last));
  const emptyError = last === start ? 'name is empty' : undefined;
  // An illegal character can never be a filler, so it lies inside exactly one of the two parts.
  const inFirst = bad >= secondaryStart;
  ctx.fields.lastName = lastName;
  ctx.fields.firstName = firstName;
  ctx.add('lastName', 'Last name', line, start, primaryEnd, lastName, (inFirst ? undefined : error) ?? emptyError);
  ctx.add('firstName', 'First name', line, secondaryStart, last, firstName, (inFirst ? error : undefined) ?? emptyError);
}

function spaced(s: string): string {
  return s.indexOf('<') < 0 ? s : s.replace(/<+/g, ' ').trim();
}
