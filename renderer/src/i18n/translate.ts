// Pure translation: dictionary lookup plus {placeholder} interpolation. No React here, so it is unit-testable.
// The dictionaries are handed in (app/dictionaries.ts builds them from the features' tables).
import type { Dictionary, MessageKey } from './messages';

export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'zh-CN';
export const LANGUAGE_STORAGE_KEY = 'cvc.lang';

export type MessageParams = Readonly<Record<string, string | number>>;
export type Translate = (key: MessageKey, params?: MessageParams) => string;

export type Dictionaries = Readonly<Record<Language, Dictionary>>;

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

export function interpolate(template: string, params?: MessageParams): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

export function createTranslate(lang: Language, dictionaries: Dictionaries): Translate {
  const dict = dictionaries[lang];
  const fallback = dictionaries[DEFAULT_LANGUAGE];
  return (key, params) => interpolate(dict[key] ?? fallback[key] ?? key, params);
}

/** Placeholder names used by a template, sorted: both languages must use the same ones. */
export function placeholders(template: string): string[] {
  return [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '').sort();
}

/** A stored preference, or the default when storage is empty, unavailable or holds garbage. */
export function readStoredLanguage(storage: Pick<Storage, 'getItem'> | null): Language {
  try {
    const value = storage?.getItem(LANGUAGE_STORAGE_KEY);
    return isLanguage(value) ? value : DEFAULT_LANGUAGE;
  } catch {
    return DEFAULT_LANGUAGE;
  }
}

export type { Dictionary, MessageKey };
