import { z } from 'zod';

export interface FormErrors {
  /** field name → message, for inline errors */
  fields: Record<string, string>;
  /** the GOV.UK error summary list */
  list: { text: string; href: string }[];
}

export type Validated<T> = { ok: true; value: T } | { ok: false; errors: FormErrors };

/** Builds a FormErrors from (field, message) pairs, first message per field wins. */
export function formErrors(pairs: readonly (readonly [string, string])[]): FormErrors {
  const fields: Record<string, string> = {};
  const list: FormErrors['list'] = [];
  for (const [field, text] of pairs) {
    if (field in fields) continue;
    fields[field] = text;
    list.push({ text, href: `#${field}` });
  }
  return { fields, list };
}

/**
 * The error summary in the order of the fields on the page (GOV.UK: "list errors in the same order
 * as they appear on the page"), whatever order the checks ran in. `order` names the fields as the
 * page shows them; a name also matches the fields it starts ("step" matches "step2_days"). Errors for
 * fields not named keep their order after the named ones.
 */
export function inFieldOrder(errors: FormErrors, order: readonly string[]): FormErrors {
  const rank = (href: string) => {
    const field = href.slice(1);
    const exact = order.indexOf(field);
    if (exact >= 0) return exact;
    const prefix = order.findIndex((name) => field.startsWith(name));
    return prefix >= 0 ? prefix : order.length;
  };
  const list = errors.list.map((e, i) => ({ e, i, r: rank(e.href) })).sort((a, b) => a.r - b.r || a.i - b.i).map((x) => x.e);
  return { fields: errors.fields, list };
}

/** Validates a submitted form with zod; errors come back in GOV.UK error-summary shape. */
export function validateForm<S extends z.ZodType>(schema: S, body: unknown): Validated<z.infer<S>> {
  const result = schema.safeParse(body ?? {});
  if (result.success) return { ok: true, value: result.data };
  return {
    ok: false,
    errors: formErrors(result.error.issues.map((issue) => [String(issue.path[0] ?? 'form'), issue.message] as const)),
  };
}

/** Form values to show back to the user: strings only, so nothing typed is lost. */
export function formValues(body: unknown): Record<string, string> {
  if (typeof body !== 'object' || body === null) return {};
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(body)) {
    if (key === '_csrf' || /password/i.test(key)) continue;
    if (typeof value === 'string') out[key] = value;
  }
  return out;
}

/** A text answer that must be given: trimmed, "Enter {label}" when empty, at most `max` characters. */
export const requiredText = (label: string, max: number) =>
  z.preprocess((v) => (typeof v === 'string' ? v.trim() : ''), z.string().min(1, `Enter ${label}`).max(max, `This must be ${max} characters or fewer`));
