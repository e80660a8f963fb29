import type { z } from 'zod';
import { isIsoDate } from './dates.js';
import { formErrors, validateForm, type FormErrors } from './forms.js';

/** Day, month and year fields (GOV.UK date input) → 'YYYY-MM-DD', or an error naming what is wrong. */
export function dateFromParts(body: Record<string, unknown>, prefix: string, label: string, today: string, direction: 'past' | 'future' | 'any' = 'past'): { value?: string; error?: string } {
  const part = (k: string) => String(body[`${prefix}-${k}`] ?? '').trim();
  const [d, m, y] = [part('day'), part('month'), part('year')];
  if (!d && !m && !y) return { error: `Enter the ${label}` };
  if (!d || !m || !y) return { error: `The ${label} must include a day, month and year` };
  const iso = `${y.padStart(4, '0')}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
  if (!/^\d{4}$/.test(y) || !isIsoDate(iso)) return { error: `The ${label} must be a real date` };
  if (direction === 'past' && iso > today) return { error: `The ${label} must be today or in the past` };
  if (direction === 'future' && iso < today) return { error: `The ${label} must be today or in the future` };
  return { value: iso };
}

/** A form with a GOV.UK date input named "date": both validated, errors in the order the page shows them. */
export function validateDatedForm<S extends z.ZodType>(
  schema: S,
  body: Record<string, unknown>,
  dateLabel: string,
  today: string,
  dateFirst: boolean,
  direction: 'past' | 'future' | 'any' = 'past',
): { ok: true; value: z.infer<S>; date: string } | { ok: false; errors: FormErrors } {
  const form = validateForm(schema, body);
  const date = dateFromParts(body, 'date', dateLabel, today, direction);
  if (form.ok && date.value) return { ok: true, value: form.value, date: date.value };
  const dateErrors = date.error ? [['date-day', date.error] as const] : [];
  const formErrorPairs = form.ok ? [] : form.errors.list.map((e) => [e.href.slice(1), e.text] as const);
  return { ok: false, errors: formErrors(dateFirst ? [...dateErrors, ...formErrorPairs] : [...formErrorPairs, ...dateErrors]) };
}
