import { useTranslation } from 'react-i18next';

/** Dates and numbers in the UI language; calendar dates (YYYY-MM-DD) stay calendar dates. */
export function useFormat() {
  const { i18n } = useTranslation();
  const locale = i18n.language === 'de' ? 'de-DE' : 'en-US';
  return {
    locale,
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
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}
