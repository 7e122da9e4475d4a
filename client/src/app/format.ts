import { useTranslation } from 'react-i18next';

/** How each UI language types a calendar date: day first with dots, or month first with slashes. */
const TYPED_DATE = {
  de: { pattern: /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/, dayFirst: true, separator: '.' },
  en: { pattern: /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/, dayFirst: false, separator: '/' },
} as const;

const pad = (n: number) => String(n).padStart(2, '0');

/** A typed date (the language's way, or YYYY-MM-DD) as YYYY-MM-DD; null when it is no day of the calendar. */
function readTypedDate(text: string, language: 'de' | 'en'): string | null {
  const value = text.trim();
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const typed = TYPED_DATE[language].pattern.exec(value);
  let parts: [number, number, number] | null = null;
  if (iso) parts = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else if (typed) {
    const [a, b] = [Number(typed[1]), Number(typed[2])];
    parts = TYPED_DATE[language].dayFirst ? [Number(typed[3]), b, a] : [Number(typed[3]), a, b];
  }
  if (!parts) return null;
  const [y, m, d] = parts;
  const day = new Date(Date.UTC(y, m - 1, d));
  if (day.getUTCFullYear() !== y || day.getUTCMonth() !== m - 1 || day.getUTCDate() !== d) return null;
  return `${y}-${pad(m)}-${pad(d)}`;
}

/** Dates and numbers in the UI language; calendar dates (YYYY-MM-DD) stay calendar dates. */
export function useFormat() {
  const { i18n } = useTranslation();
  const language = i18n.language === 'de' ? 'de' : 'en';
  const locale = language === 'de' ? 'de-DE' : 'en-US';
  return {
    locale,
    /** A calendar date as the language types it: 03.12.2026, 12/03/2026. */
    typedDate: (iso: string) => {
      const [y, m, d] = iso.split('-');
      const { dayFirst, separator } = TYPED_DATE[language];
      return (dayFirst ? [d, m, y] : [m, d, y]).join(separator);
    },
    readDate: (text: string) => readTypedDate(text, language),
    number: (n: number) => new Intl.NumberFormat(locale).format(n),
    date: (d: string | null | undefined) => {
      if (!d) return '';
      const [y, m, day] = d.split('-').map(Number);
      return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(
        Date.UTC(y, m - 1, day),
      );
    },
    /** The calendar day of an instant in the viewer's time zone (grids show the time on hover only). */
    day: (iso: string | null | undefined) =>
      iso ? new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(new Date(iso)) : '',
    dateTime: (iso: string | null | undefined) =>
      iso
        ? new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso))
        : '',
  };
}

/** Today as YYYY-MM-DD in the user's time zone. */
export function todayIso(): string {
  const d = new Date();
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}
