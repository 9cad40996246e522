import type { MrzErrorCode } from '../events.js';
import { en } from './en.js';
import { kk } from './kk.js';
import { ky } from './ky.js';
import { ru } from './ru.js';

export type MessageKey = keyof typeof en;
/** Every string the element shows; error messages are keyed by their `MrzErrorCode`. */
export type Messages = Record<MessageKey, string> & Record<MrzErrorCode, string>;
export type Locale = 'en' | 'ru' | 'ky' | 'kk';

const locales: Record<Locale, Messages> = { en, ru, ky, kk };

/** `ru-RU` → `ru`; anything we have no messages for → `en`. */
export function resolveLocale(tag: string | null | undefined): Locale {
  const primary = (tag ?? '').trim().toLowerCase().split(/[-_]/)[0] ?? '';
  return primary in locales ? (primary as Locale) : 'en';
}

/** The element's own `lang`, else the nearest ancestor's (crossing shadow roots), else ''. */
export function inheritedLang(element: Element): string {
  let node: Element | null = element;
  while (node) {
    const owner: Element | null = node.closest('[lang]');
    if (owner) return owner.getAttribute('lang') ?? '';
    const root = node.getRootNode();
    node = root instanceof ShadowRoot ? root.host : null;
  }
  return '';
}

export function messagesFor(locale: Locale, overrides?: Partial<Messages>): Messages {
  return overrides ? { ...locales[locale], ...overrides } : locales[locale];
}
