import { z } from 'zod';
import { isIsoDate } from '../../platform/dates.js';
import { formErrors, validateForm, type FormErrors } from '../../platform/forms.js';
import { reportCardAreas } from '../ofsted-import/columns.js';
import { enforcementLabels, outcomeLabels, reportCardLabels } from './presenters.js';

const trimmed = (v: unknown) => (typeof v === 'string' ? v.trim() : v);

/** Day, month and year fields (GOV.UK date input) → 'YYYY-MM-DD', or an error naming what is wrong. */
export function dateFromParts(body: Record<string, unknown>, prefix: string, label: string, today: string): { value?: string; error?: string } {
  const part = (k: string) => String(body[`${prefix}-${k}`] ?? '').trim();
  const [d, m, y] = [part('day'), part('month'), part('year')];
  if (!d && !m && !y) return { error: `Enter the ${label}` };
  if (!d || !m || !y) return { error: `The ${label} must include a day, month and year` };
  const iso = `${y.padStart(4, '0')}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
  if (!/^\d{4}$/.test(y) || !isIsoDate(iso)) return { error: `The ${label} must be a real date` };
  if (iso > today) return { error: `The ${label} must be today or in the past` };
  return { value: iso };
}

export const inspectionSchema = z
  .object({
    kind: z.enum(['full', 'ncor', 'ccr'], { error: 'Select the type of inspection' }),
    overall: z.preprocess(trimmed, z.enum(Object.keys(outcomeLabels) as [string, ...string[]]).optional().or(z.literal(''))),
    safeguarding: z.enum(['met', 'not_met', '']).optional(),
    ...Object.fromEntries(
      reportCardAreas.map((a) => [`rc_${a.key}`, z.enum(['', ...Object.keys(reportCardLabels)] as [string, ...string[]]).optional()]),
    ),
  })
  .refine((v) => v.overall || reportCardAreas.some((a) => (v as Record<string, unknown>)[`rc_${a.key}`]), {
    path: ['overall'],
    message: 'Select the overall outcome, or enter the report card grades',
  });

export const enforcementSchema = z.object({
  eventType: z.enum(Object.keys(enforcementLabels) as [string, ...string[]], { error: 'Select the type of enforcement or status event' }),
  details: z.preprocess(trimmed, z.string().max(2000, 'Details must be 2,000 characters or fewer').optional()),
});

/** A form with a GOV.UK date input named "date": both validated, errors in the order the page shows them. */
export function validateDatedForm<S extends z.ZodType>(
  schema: S,
  body: Record<string, unknown>,
  dateLabel: string,
  today: string,
  dateFirst: boolean,
): { ok: true; value: z.infer<S>; date: string } | { ok: false; errors: FormErrors } {
  const form = validateForm(schema, body);
  const date = dateFromParts(body, 'date', dateLabel, today);
  if (form.ok && date.value) return { ok: true, value: form.value, date: date.value };
  const dateErrors = date.error ? [['date-day', date.error] as const] : [];
  const formErrorPairs = form.ok ? [] : form.errors.list.map((e) => [e.href.slice(1), e.text] as const);
  return { ok: false, errors: formErrors(dateFirst ? [...dateErrors, ...formErrorPairs] : [...formErrorPairs, ...dateErrors]) };
}
