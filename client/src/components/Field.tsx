import type { ReactNode } from 'react';

/** A form control with its visible name: the label wraps both, so the name is the control's accessible name. */
export function Field({
  label,
  className,
  htmlFor,
  children,
}: {
  label: ReactNode;
  className?: string;
  htmlFor?: string;
  children: ReactNode;
}) {
  return (
    <label className={className ? `field ${className}` : 'field'} htmlFor={htmlFor}>
      <span>{label}</span>
      {children}
    </label>
  );
}
