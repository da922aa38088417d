import { createContext, type ReactNode, useCallback, useContext, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { type MessageKey, nl } from './messages/nl';

export type Lang = 'nl' | 'en';
export type { MessageKey };
export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

type Dictionary = Record<MessageKey, string>;

/**
 * Dutch is in the first load; every other language is its own chunk, fetched only when chosen (decision 014: the
 * English messages are 9 KB on the wire that a Dutch user never needs).
 */
const LOADERS: Record<Exclude<Lang, 'nl'>, () => Promise<Dictionary>> = {
  en: () => import('./messages/en').then((m) => m.en),
};
const loaded: Partial<Record<Lang, Dictionary>> = { nl };
const loading = new Map<Lang, Promise<Dictionary>>();
const STORAGE_KEY = 'cd-lang';

/** The messages of a language, fetched once. A failed fetch is forgotten, so a later choice tries again. */
function dictionaryLoad(lang: Lang): Promise<Dictionary> {
  const ready = loaded[lang];
  if (ready) return Promise.resolve(ready);
  let pending = loading.get(lang);
  if (!pending) {
    pending = LOADERS[lang as Exclude<Lang, 'nl'>]().then(
      (dictionary) => {
        loaded[lang] = dictionary;
        return dictionary;
      },
      (err: unknown) => {
        loading.delete(lang);
        throw err;
      },
    );
    loading.set(lang, pending);
  }
  return pending;
}

interface I18n {
  lang: Lang;
  setLang: (lang: Lang) => void;
  t: Translate;
}

const I18nContext = createContext<I18n | null>(null);

function initialLang(): Lang {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'nl';
  } catch {
    return 'nl';
  }
}

/**
 * Fetches the messages of the language the user chose last time, before the first render (main.tsx waits for it),
 * so an English user does not see Dutch first. Resolves also when the fetch fails: the page is then Dutch.
 */
export function i18nPreload(): Promise<void> {
  return dictionaryLoad(initialLang()).then(
    () => undefined,
    () => undefined,
  );
}

/**
 * Dutch by default; English when the user switched. A language whose messages are not here yet is switched to once
 * they arrived (the buttons keep the last choice if the user clicks again meanwhile). Keeps <html lang> in step for
 * screen readers.
 */
export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(() => {
    const stored = initialLang();
    return loaded[stored] ? stored : 'nl';
  });
  const wanted = useRef<Lang>(lang);
  // In the commit that changes the texts, not after paint: a screen reader (or a test) reading the page between the
  // two would meet English text under lang="nl".
  useLayoutEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  const setLang = useCallback(
    (next: Lang) => {
      wanted.current = next;
      dictionaryLoad(next).then(
        () => {
          if (wanted.current !== next) return;
          setLangState(next);
          try {
            localStorage.setItem(STORAGE_KEY, next);
          } catch {
            // Private mode: the choice lasts for this page only.
          }
        },
        () => {
          // Offline or a new release replaced the chunk: stay in the current language; the next click tries again.
          if (wanted.current === next) wanted.current = lang;
        },
      );
    },
    [lang],
  );
  const t = useCallback<Translate>(
    (key, params) => {
      return fill((loaded[lang] ?? nl)[key] ?? nl[key], params);
    },
    [lang],
  );
  const value = useMemo(() => ({ lang, setLang, t }), [lang, setLang, t]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const ctx = useContext(I18nContext);
  if (!ctx) throw new Error('useI18n outside I18nProvider');
  return ctx;
}

/**
 * A page's own texts, in Dutch and English side by side. They travel in the page's chunk instead of in nl.ts, which is
 * in the first load of every page (decision 014): the first load stays within its 150 KB whatever pages are added.
 * Define a block with `defineMessages` in the feature's `messages.ts` and read it with `useT(block)`.
 */
export interface MessageBlock<K extends string> {
  nl: Readonly<Record<K, string>>;
  en: Readonly<Record<K, string>>;
}

/** Translates the keys of nl.ts and those of one page block. */
export type BlockTranslate<K extends string> = (key: MessageKey | K, params?: Record<string, string | number>) => string;

/** Checks at compile time that the English half has exactly the Dutch half's keys. */
export function defineMessages<K extends string>(block: MessageBlock<K>): MessageBlock<K> {
  return block;
}

function fill(text: string, params?: Record<string, string | number>): string {
  return params ? text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m)) : text;
}

/** A block's text in the given language (Dutch when a language lacks it), or undefined for a key of nl.ts. */
export function blockText<K extends string>(block: MessageBlock<K>, lang: Lang, key: string, params?: Record<string, string | number>): string | undefined {
  const own = (block[lang] as Record<string, string>)[key] ?? (block.nl as Record<string, string>)[key];
  return own === undefined ? undefined : fill(own, params);
}

// The plain overload comes last: `ReturnType<typeof useT>` (used in helpers that receive t) picks the last one.
export function useT<K extends string>(block: MessageBlock<K>): BlockTranslate<K>;
export function useT(): Translate;
export function useT<K extends string>(block?: MessageBlock<K>): Translate | BlockTranslate<K> {
  const { lang, t } = useI18n();
  return useMemo(() => {
    if (!block) return t;
    return (key: MessageKey | K, params?: Record<string, string | number>) => blockText(block, lang, key, params) ?? t(key as MessageKey, params);
  }, [block, lang, t]);
}
