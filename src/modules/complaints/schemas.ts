import { formErrors, type FormErrors } from '../../platform/forms.js';
import type { ComplaintOutcome } from '../../db/types.js';
import type { ComplaintRules } from './rules.js';

/* The forms of compliments and complaints: each returns the value or GOV.UK errors naming the field. */

type Parsed<T> = { ok: true; value: T } | { ok: false; errors: FormErrors };
const str = (body: Record<string, unknown>, key: string) => (typeof body[key] === 'string' ? (body[key] as string).trim() : '');
const done = <T>(problems: [string, string][], value: () => T): Parsed<T> => (problems.length ? { ok: false, errors: formErrors(problems) } : { ok: true, value: value() });
const email = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export const outcomeLabels: Record<ComplaintOutcome, string> = { upheld: 'Upheld', partly_upheld: 'Partly upheld', not_upheld: 'Not upheld' };

/** The outcome, the response letter and the lessons learned. */
export interface Answer {
  outcome: ComplaintOutcome;
  response: string;
  lessons: string;
}

export interface RecordForm {
  kind: 'complaint' | 'compliment';
  officerId: string | null;
  summary: string;
  fromName: string;
  fromEmail: string;
}

/** What a setting or staff tell us; staff also say who it is from (the portal knows). */
export function parseRecord(body: Record<string, unknown>, staffIds: readonly string[], askWho: boolean): Parsed<RecordForm> {
  const problems: [string, string][] = [];
  const kind = str(body, 'kind');
  if (kind !== 'complaint' && kind !== 'compliment') problems.push(['kind', 'Select whether it is a compliment or a complaint']);
  const about = str(body, 'about');
  const officer = str(body, 'officer');
  if (about !== 'officer' && about !== 'service') problems.push(['about', 'Select whether it is about an officer or the service']);
  else if (about === 'officer' && !staffIds.includes(officer)) problems.push(['officer', 'Select the officer it is about']);
  const summary = str(body, 'summary');
  if (!summary) problems.push(['summary', 'Enter what happened']);
  else if (summary.length > 5000) problems.push(['summary', 'What happened must be 5,000 characters or fewer']);
  const fromName = str(body, 'fromName');
  const fromEmail = str(body, 'fromEmail');
  if (askWho && !fromName) problems.push(['fromName', 'Enter the name of the person it is from']);
  if (askWho && fromEmail && !email.test(fromEmail)) problems.push(['fromEmail', 'Enter an e-mail address in the correct format, like name@example.com']);
  return done(problems, () => ({ kind: kind as RecordForm['kind'], officerId: about === 'officer' ? officer : null, summary, fromName, fromEmail }));
}

export function parseReason(body: Record<string, unknown>, field: string, label: string): Parsed<string> {
  const reason = str(body, field);
  return done(reason ? (reason.length > 1000 ? [[field, `${label} must be 1,000 characters or fewer`]] : []) : [[field, `Enter ${label.toLowerCase()}`]], () => reason);
}

export function parseAnswer(body: Record<string, unknown>): Parsed<Answer> {
  const problems: [string, string][] = [];
  const outcome = str(body, 'outcome');
  if (!(outcome in outcomeLabels)) problems.push(['outcome', 'Select the outcome']);
  const response = str(body, 'response');
  if (!response) problems.push(['response', 'Enter the response letter']);
  else if (response.length > 20000) problems.push(['response', 'The response letter must be 20,000 characters or fewer']);
  const lessons = str(body, 'lessons');
  if (lessons.length > 5000) problems.push(['lessons', 'Lessons learned must be 5,000 characters or fewer']);
  return done(problems, () => ({ outcome: outcome as ComplaintOutcome, response, lessons }));
}

/** The LA's complaints policy: whole working days. */
export function parseRules(body: Record<string, unknown>): Parsed<ComplaintRules> {
  const problems: [string, string][] = [];
  const days = (key: string, min: number) => {
    const n = Number(str(body, key));
    if (str(body, key) === '' || !Number.isInteger(n) || n < min || n > 100) problems.push([key, `Enter the working days as a whole number from ${min} to 100`]);
    return n;
  };
  const acknowledgeWorkingDays = days('acknowledgeWorkingDays', 0);
  const respondWorkingDays = days('respondWorkingDays', 1);
  const stage2WorkingDays = days('stage2WorkingDays', 1);
  return done(problems, () => ({ acknowledgeWorkingDays, respondWorkingDays, stage2WorkingDays }));
}
