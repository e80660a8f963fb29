import { z } from 'zod';
import { formErrors, type FormErrors } from '../../platform/forms.js';

export { actionAreas, dueWeekOptions, type ActionArea } from '../action-plans/index.js';
import { actionAreas, dueWeekOptions, type ActionArea } from '../action-plans/index.js';
export const ACTION_ROWS = 4;

export interface NoteInput {
  attendees: string;
  purpose: string;
  reviewPrevious: string;
  workingWell: string[];
  worriedAbout: string[];
  needsToHappen: string[];
  scaling: number | null;
  scalingQuestion: string | null;
  recommendations: string;
  actions: { action: string; area: ActionArea; dueWeeks: number }[];
}

const text = (max: number, label: string) => z.preprocess((v) => (typeof v === 'string' ? v.replace(/\r\n/g, '\n').trim() : ''), z.string().max(max, `${label} must be ${max.toLocaleString('en-GB')} characters or fewer`));
const lines = (v: string) => v.split('\n').map((l) => l.replace(/^[-*•]\s*/, '').trim()).filter(Boolean);

const base = z.object({
  attendees: text(2000, 'Attendees'),
  purpose: text(4000, 'Purpose and focus'),
  reviewPrevious: text(8000, 'The review of previous recommendations'),
  workingWell: text(8000, 'What is working well'),
  worriedAbout: text(8000, 'What are we worried about'),
  needsToHappen: text(8000, 'What needs to happen'),
  scaling: z.preprocess((v) => (v === '' || v === undefined ? null : Number(v)), z.number().int().min(0).max(10).nullable()),
  scalingQuestion: text(300, 'The scaling question'),
  recommendations: text(8000, 'Recommendations'),
});

/**
 * Reads the note form. Saving a draft needs nothing filled in; submitting it for quality assurance
 * needs attendees, purpose and the three Positive Practice Tool columns.
 */
export function readNoteForm(body: Record<string, unknown>, submitting: boolean): { ok: true; value: NoteInput } | { ok: false; errors: FormErrors } {
  const parsed = base.safeParse(body);
  const problems: [string, string][] = parsed.success ? [] : parsed.error.issues.map((i) => [String(i.path[0]), i.message]);
  const actions: NoteInput['actions'] = [];
  for (let i = 0; i < ACTION_ROWS; i++) {
    const action = String(body[`action${i}`] ?? '').trim();
    if (!action) continue;
    if (action.length > 1000) problems.push([`action${i}`, `Action ${i + 1} must be 1,000 characters or fewer`]);
    const area = String(body[`area${i}`] ?? '');
    if (!Object.hasOwn(actionAreas, area)) problems.push([`area${i}`, `Select the area for action ${i + 1}`]);
    const dueWeeks = Number(body[`due${i}`]);
    if (!(dueWeekOptions as readonly number[]).includes(dueWeeks)) problems.push([`due${i}`, `Select when action ${i + 1} is due`]);
    actions.push({ action, area: area as ActionArea, dueWeeks });
  }
  if (parsed.success && submitting) {
    const v = parsed.data;
    if (!v.attendees) problems.push(['attendees', 'Enter who attended the visit']);
    if (!v.purpose) problems.push(['purpose', 'Enter the purpose and focus of the visit']);
    if (!lines(v.workingWell).length) problems.push(['workingWell', 'Enter at least one point for what is working well']);
    if (!lines(v.worriedAbout).length) problems.push(['worriedAbout', 'Enter at least one point for what we are worried about, or “Nothing at this visit”']);
    if (!lines(v.needsToHappen).length) problems.push(['needsToHappen', 'Enter at least one point for what needs to happen']);
    if (v.scaling !== null && !v.scalingQuestion) problems.push(['scalingQuestion', 'Enter the scaling question the score answers']);
  }
  if (problems.length || !parsed.success) return { ok: false, errors: formErrors(problems) };
  const v = parsed.data;
  return {
    ok: true,
    value: { attendees: v.attendees, purpose: v.purpose, reviewPrevious: v.reviewPrevious, workingWell: lines(v.workingWell), worriedAbout: lines(v.worriedAbout), needsToHappen: lines(v.needsToHappen), scaling: v.scaling, scalingQuestion: v.scalingQuestion || null, recommendations: v.recommendations, actions },
  };
}

export const sendSchema = z.object({
  email: z.preprocess((v) => (typeof v === 'string' ? v.trim() : ''), z.string().min(1, 'Enter the setting’s e-mail address').pipe(z.email({ error: 'Enter an e-mail address in the correct format, like name@example.com' }))),
});
export const returnSchema = z.object({
  comments: z.preprocess((v) => (typeof v === 'string' ? v.trim() : ''), z.string().min(1, 'Enter what the adviser needs to change').max(4000, 'Comments must be 4,000 characters or fewer')),
});
export const addendumSchema = z.object({
  text: z.preprocess((v) => (typeof v === 'string' ? v.trim() : ''), z.string().min(1, 'Enter the addendum').max(4000, 'The addendum must be 4,000 characters or fewer')),
});
