import { createContext, useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { createTranslate, LANGUAGE_STORAGE_KEY, readStoredLanguage, type Dictionaries, type Language, type Translate } from './translate';

export interface I18nValue {
  lang: Language;
  setLang: (lang: Language) => void;
  t: Translate;
}

export const I18nContext = createContext<I18nValue | null>(null);

function browserStorage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

export function I18nProvider({ dictionaries, children }: { dictionaries: Dictionaries; children: ReactNode }) {
  const [lang, setLangState] = useState<Language>(() => readStoredLanguage(browserStorage()));
  const setLang = useCallback((next: Language) => {
    setLangState(next);
    try {
      browserStorage()?.setItem(LANGUAGE_STORAGE_KEY, next);
    } catch {
      // storage full or disabled: the choice still applies to this window
    }
  }, []);
  const t = useMemo(() => createTranslate(lang, dictionaries), [lang, dictionaries]);
  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = t('app.title');
  }, [lang, t]);
  const value = useMemo(() => ({ lang, setLang, t }), [lang, setLang, t]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}
