import { formErrors, type FormErrors } from '../../platform/forms.js';
import { responseTypes, templateSchema, type AuditItem, type AuditTemplate, type ResponseType } from './definition.js';

/*
 * Audit templates edited in a form, not as JSON (issue 17.17): the name, description and who completes
 * it; each section's title and its questions (prompt, answer type, scale, source). A section or a
 * question is removed by clearing its title or prompt, and added in the blank one at the end of the
 * list. What the form does not show (scales, guidance, examples, visit wording) is kept from the
 * version being changed. Field names: `s0_title`, `s0_q3_prompt`, `s0_q3_response` …
 */

export type TemplateFormValues = Record<string, string>;

const str = (v: unknown) => (typeof v === 'string' ? v.trim() : '');

/** How many numbered rows the form posted (`s0_…`, `s1_…` or `s0_q0_…`, `s0_q1_…`). */
function rows(body: Record<string, unknown>, prefix: string): number {
  let n = 0;
  for (const name of Object.keys(body)) {
    const m = new RegExp(`^${prefix}(\\d+)_`).exec(name);
    if (m) n = Math.max(n, Number(m[1]) + 1);
  }
  return Math.min(n, 100);
}

/** The form's values for a template (before any change). */
export function toFormValues(t: AuditTemplate): TemplateFormValues {
  const values: TemplateFormValues = { name: t.name, description: t.description, completedBy: t.completedBy };
  t.sections.forEach((s, i) => {
    values[`s${i}_key`] = s.key;
    values[`s${i}_title`] = s.title;
    s.items.forEach((item, j) => {
      const p = `s${i}_q${j}_`;
      values[`${p}key`] = item.key;
      values[`${p}prompt`] = item.prompt;
      values[`${p}response`] = item.response;
      values[`${p}scale`] = item.scale ?? '';
      values[`${p}source`] = item.source ?? '';
    });
  });
  return values;
}

/** The sections and questions to show: those posted (or the template's), each section with a blank question to add, and a blank section. */
export function formRows(values: Record<string, unknown>) {
  const sections = [];
  const count = rows(values, 's');
  for (let i = 0; i <= count; i++) {
    const isNew = i === count;
    const questions = isNew ? 1 : rows(values, `s${i}_q`) + 1;
    sections.push({ index: i, isNew, questions: Array.from({ length: questions }, (_, j) => ({ index: j, isNew: isNew || j === questions - 1 })) });
  }
  return sections;
}

/** "Hours claimed match the PSOU" → "hours_claimed_match_the_psou", unique among `taken`. */
export function keyFor(text: string, taken: Set<string>): string {
  const base = text.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '').slice(0, 40).replace(/_+$/, '') || 'item';
  let key = base;
  for (let n = 2; taken.has(key); n++) key = `${base}_${n}`;
  taken.add(key);
  return key;
}

/** The template the form describes, on the base of the version being changed; errors name fields in page order. */
export function fromForm(body: Record<string, unknown>, base: AuditTemplate): { ok: true; template: AuditTemplate } | { ok: false; errors: FormErrors } {
  const errors: [string, string][] = [];
  const name = str(body.name);
  if (!name) errors.push(['name', 'Enter the name of the audit']);
  const completedBy = str(body.completedBy);
  if (!['staff', 'setting', 'both'].includes(completedBy)) errors.push(['completedBy', 'Select who completes the audit']);
  const oldItems = new Map<string, AuditItem>(base.sections.flatMap((s) => s.items.map((i) => [i.key, i] as const)));
  const oldSections = new Map(base.sections.map((s) => [s.key, s] as const));
  const scaleKeys = new Set(base.scales.map((s) => s.key));
  const sectionKeys = new Set<string>([...oldSections.keys()]);
  const itemKeys = new Set<string>();
  // keys kept from the base first, so a new question never takes an existing one's key
  for (let i = 0; i < rows(body, 's'); i++) for (let j = 0; j < rows(body, `s${i}_q`); j++) {
    const k = str(body[`s${i}_q${j}_key`]);
    if (k && oldItems.has(k) && str(body[`s${i}_q${j}_prompt`])) itemKeys.add(k);
  }
  const sections: AuditTemplate['sections'] = [];
  for (let i = 0; i < rows(body, 's'); i++) {
    const title = str(body[`s${i}_title`]);
    const items: AuditItem[] = [];
    const found: [string, string][] = []; // this section's problems, in the order of its fields
    for (let j = 0; j < rows(body, `s${i}_q`); j++) {
      const p = `s${i}_q${j}_`;
      const prompt = str(body[`${p}prompt`]);
      if (!prompt) continue;
      if (prompt.length > 600) found.push([`${p}prompt`, `Question ${j + 1} of section ${i + 1} must be 600 characters or fewer`]);
      const response = str(body[`${p}response`]) as ResponseType;
      if (!(responseTypes as readonly string[]).includes(response)) found.push([`${p}response`, `Select the type of answer for question ${j + 1} of section ${i + 1}`]);
      const scale = str(body[`${p}scale`]);
      if (response === 'rating' && !scaleKeys.has(scale)) found.push([`${p}scale`, base.scales.length ? `Select the scale for question ${j + 1} of section ${i + 1}` : `Question ${j + 1} of section ${i + 1}: this audit has no rating scale; choose another type of answer`]);
      const kept = str(body[`${p}key`]);
      const old = kept && oldItems.has(kept) ? oldItems.get(kept) : undefined;
      const source = str(body[`${p}source`]);
      items.push({ ...(old ?? { actionIfLow: true }), key: old ? kept : keyFor(prompt, itemKeys), prompt, response, ...(response === 'rating' ? { scale } : { scale: undefined }), source: source || undefined });
    }
    if (!title && items.length) found.unshift([`s${i}_title`, `Enter a title for section ${i + 1}, or clear its questions to remove it`]);
    if (title && !items.length) found.push([`s${i}_q0_prompt`, `Section ${i + 1} (${title}) needs at least one question`]);
    errors.push(...found);
    if (!title || !items.length) continue;
    const keptKey = str(body[`s${i}_key`]);
    const old = keptKey && oldSections.has(keptKey) ? oldSections.get(keptKey) : undefined;
    sections.push({ ...(old ?? {}), key: old ? keptKey : keyFor(title, sectionKeys), title, items });
  }
  if (!errors.length && !sections.length) errors.push(['s0_title', 'Add at least one section with a question']);
  if (errors.length) return { ok: false, errors: formErrors(errors) };
  const parsed = templateSchema.safeParse({ ...base, name, description: str(body.description), completedBy, sections });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { ok: false, errors: formErrors([['name', `The template cannot be saved: ${issue.path.join('.')}: ${issue.message}`]]) };
  }
  return { ok: true, template: parsed.data };
}
