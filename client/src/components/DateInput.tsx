import { isValidDateOnly } from '@ft/shared';
import { useEffect, useRef, useState, type InputHTMLAttributes, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../app/format';

type Props = Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange' | 'type' | 'defaultValue'> & {
  /** YYYY-MM-DD, '' for none, or a text that is no date (what `onChange` last gave). */
  value: string;
  /**
   * YYYY-MM-DD as soon as the text reads as a date, '' when it is emptied; on leaving the field, a text that
   * reads as no date as it is, so that the caller can refuse it by name.
   */
  onChange: (value: string) => void;
  /** The text field, for a form to focus it on an error. */
  ref?: Ref<HTMLInputElement>;
};

/**
 * A calendar date typed as the UI language writes it (TT.MM.JJJJ in German, MM/DD/YYYY in English) or as
 * YYYY-MM-DD, with the browser's calendar behind a button. A native date field would follow the browser's
 * language instead of the UI's, so a German page showed mm/dd/yyyy.
 */
export function DateInput({ value, onChange, onBlur, onKeyDown, ref, ...rest }: Props) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const shown = (v: string) => (isValidDateOnly(v) ? fmt.typedDate(v) : v);
  const [text, setText] = useState(() => shown(value));
  const picker = useRef<HTMLInputElement>(null);
  // A value set from outside (a tab, "Reset filters", the calendar, the other language) replaces what is typed;
  // `shown` follows the language, which `fmt.locale` names.
  useEffect(() => {
    setText((current) => (fmt.readDate(current) === value || current === value ? current : shown(value)));
  }, [value, fmt.locale]);
  const commit = (raw: string) => {
    const read = fmt.readDate(raw);
    const next = raw.trim() === '' ? '' : (read ?? raw.trim());
    if (read) setText(fmt.typedDate(read));
    if (next !== value) onChange(next);
  };
  const unreadable = text.trim() !== '' && fmt.readDate(text) === null;

  return (
    <span className="date-input">
      <input
        type="text"
        inputMode="numeric"
        autoComplete="off"
        placeholder={t('dateInput.pattern')}
        {...rest}
        ref={ref}
        aria-invalid={rest['aria-invalid'] ?? (unreadable || undefined)}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          const read = fmt.readDate(e.target.value);
          if (read && read !== value) onChange(read);
          else if (e.target.value.trim() === '' && value !== '') onChange('');
        }}
        onBlur={(e) => {
          commit(e.target.value);
          onBlur?.(e);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit(e.currentTarget.value);
          onKeyDown?.(e);
        }}
      />
      {/* For the mouse: the keyboard types the date. Hidden from the accessibility tree, so that the field's label
          stays its name alone. */}
      <button
        type="button"
        className="btn date-input-calendar"
        tabIndex={-1}
        aria-hidden="true"
        title={t('dateInput.calendar')}
        disabled={rest.disabled}
        onClick={() => picker.current?.showPicker?.()}
      >
        <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true">
          <rect x="1.5" y="3" width="13" height="11.5" rx="1.5" fill="none" stroke="currentColor" />
          <path d="M1.5 6.5h13M5 1.5v3M11 1.5v3" stroke="currentColor" />
        </svg>
      </button>
      <input
        ref={picker}
        type="date"
        className="date-input-picker"
        tabIndex={-1}
        aria-hidden="true"
        value={isValidDateOnly(value) ? value : ''}
        onChange={(e) => {
          setText(shown(e.target.value));
          onChange(e.target.value);
        }}
      />
    </span>
  );
}
