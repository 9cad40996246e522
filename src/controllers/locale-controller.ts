import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { inheritedLang, messagesFor, resolveLocale, type Locale, type Messages } from '../i18n/index.js';

export interface LocaleHost extends ReactiveControllerHost, HTMLElement {
  /** The host's own `lang` property (may be set without the attribute). */
  lang: string;
  strings: Partial<Messages>;
}

/**
 * The host's language: its own `lang`, else the nearest ancestor's, else English. Re-renders the host
 * when any `lang` attribute in the document changes, so a page-wide language switch reaches it.
 */
export class LocaleController implements ReactiveController {
  #host: LocaleHost;
  #observer = new MutationObserver(() => this.#host.requestUpdate());

  constructor(host: LocaleHost) {
    this.#host = host;
    host.addController(this);
  }

  get locale(): Locale {
    return resolveLocale(this.#host.lang || inheritedLang(this.#host));
  }

  get messages(): Messages {
    return messagesFor(this.locale, this.#host.strings);
  }

  hostConnected(): void {
    // An attributeFilter implies attributes: true.
    this.#observer.observe(document.documentElement, { subtree: true, attributeFilter: ['lang'] });
  }

  hostDisconnected(): void {
    this.#observer.disconnect();
  }
}
