import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from '../locales/en.json';
import de from '../locales/de.json';
import { MESSAGES } from '@ft/shared';

export const LANGUAGES = ['en', 'de'] as const;
export type Language = (typeof LANGUAGES)[number];
const STORAGE_KEY = 'ft.language';

function initialLanguage(): Language {
  const stored = localStorage.getItem(STORAGE_KEY);
  if (stored === 'en' || stored === 'de') return stored;
  return navigator.language.toLowerCase().startsWith('de') ? 'de' : 'en';
}

// The server's messages are worded in English once, in the shared catalogue; de.json words each of them in German.
const english = { ...en, messages: { ...en.messages, variant: MESSAGES } };

void i18n.use(initReactI18next).init({
  resources: { en: { translation: english }, de: { translation: de } },
  lng: initialLanguage(),
  fallbackLng: 'en',
  interpolation: { escapeValue: false },
  // A key neither language has is a bug: say so on the console (the layout test fails on it), show the fallback.
  saveMissing: true,
  missingKeyHandler: (lngs, _ns, key) => console.warn(`i18n: missing key ${key} (${lngs.join(', ')})`),
});
document.documentElement.lang = i18n.language;

export function setLanguage(lang: Language): void {
  localStorage.setItem(STORAGE_KEY, lang);
  document.documentElement.lang = lang;
  void i18n.changeLanguage(lang);
}
