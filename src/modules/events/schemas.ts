import { z } from 'zod';
import { dateFromParts } from '../../platform/date-input.js';
import { addDays, londonInstant } from '../../platform/dates.js';
import { formErrors, type FormErrors } from '../../platform/forms.js';
import type { CourseInput, SessionInput } from './repository.js';
import { kindLabels } from './repository.js';
import { parsePounds, type BookingRules } from './rules.js';
import type { NewAttendee } from './service.js';

/* The forms of training and events: each returns the value or GOV.UK errors naming the field. */

type Parsed<T> = { ok: true; value: T } | { ok: false; errors: FormErrors };
const str = (body: Record<string, unknown>, key: string) => (typeof body[key] === 'string' ? (body[key] as string).trim() : '');
const done = <T>(problems: [string, string][], value: () => T): Parsed<T> => (problems.length ? { ok: false, errors: formErrors(problems) } : { ok: true, value: value() });

export function parseCourse(body: Record<string, unknown>): Parsed<CourseInput> {
  const problems: [string, string][] = [];
  const title = str(body, 'title');
  if (!title) problems.push(['title', 'Enter the title']);
  else if (title.length > 200) problems.push(['title', 'The title must be 200 characters or fewer']);
  const kind = str(body, 'kind');
  if (!(kind in kindLabels)) problems.push(['kind', 'Select what kind of event it is']);
  const funding = str(body, 'funding');
  if (funding !== 'free' && funding !== 'chargeable') problems.push(['funding', 'Select whether it is free or chargeable']);
  const price = parsePounds(str(body, 'price'));
  if (funding === 'chargeable' && (price === null || price === 0)) problems.push(['price', 'Enter the price per place in pounds, like 45 or 45.50']);
  for (const [key, label, max] of [['audience', 'Who it is for', 500], ['description', 'The description', 5000], ['team', 'The team', 200]] as const) {
    if (str(body, key).length > max) problems.push([key, `${label} must be ${max} characters or fewer`]);
  }
  return done(problems, () => ({ title, kind, audience: str(body, 'audience'), description: str(body, 'description'), funding: funding as 'free' | 'chargeable', pricePence: price ?? 0, team: str(body, 'team') }));
}

const time = /^([01]?\d|2[0-3]):([0-5]\d)$/;

export function parseSession(body: Record<string, unknown>, today: string): Parsed<SessionInput> {
  const problems: [string, string][] = [];
  const date = dateFromParts(body, 'date', 'date of the session', today, 'future');
  if (date.error) problems.push(['date-day', date.error]);
  const start = str(body, 'start');
  const end = str(body, 'end');
  if (!time.test(start)) problems.push(['start', 'Enter the start time as hours and minutes, like 09:30']);
  if (!time.test(end)) problems.push(['end', 'Enter the end time as hours and minutes, like 15:00']);
  else if (time.test(start) && end.padStart(5, '0') <= start.padStart(5, '0')) problems.push(['end', 'The end time must be after the start time']);
  const venue = str(body, 'venue');
  const onlineLink = str(body, 'onlineLink');
  if (!venue && !onlineLink) problems.push(['venue', 'Enter the venue or an online link']);
  if (onlineLink && !/^https:\/\/\S+$/.test(onlineLink)) problems.push(['onlineLink', 'Enter the online link as a web address starting https://']);
  const capacity = Number(str(body, 'capacity'));
  if (!Number.isInteger(capacity) || capacity < 1 || capacity > 2000) problems.push(['capacity', 'Enter how many places there are, a whole number from 1 to 2000']);
  const deadline = dateFromParts(body, 'deadline', 'booking deadline', today, 'future');
  if (deadline.error) problems.push(['deadline-day', deadline.error]);
  else if (date.value && deadline.value! > date.value) problems.push(['deadline-day', 'The booking deadline must be on or before the date of the session']);
  return done(problems, () => ({
    startsAt: londonInstant(date.value!, start.padStart(5, '0')), endsAt: londonInstant(date.value!, end.padStart(5, '0')), venue, onlineLink, capacity, bookingDeadline: deadline.value ?? addDays(date.value!, -1),
  }));
}

export const ATTENDEE_ROWS = 3;
const emailSchema = z.email();

/** Up to three named attendees (name and e-mail address each); at least one. */
export function parseAttendees(body: Record<string, unknown>): Parsed<NewAttendee[]> {
  const problems: [string, string][] = [];
  const attendees: NewAttendee[] = [];
  for (let i = 1; i <= ATTENDEE_ROWS; i++) {
    const name = str(body, `name-${i}`);
    const email = str(body, `email-${i}`);
    if (!name && !email) continue;
    if (!name) problems.push([`name-${i}`, `Enter the name of attendee ${i}`]);
    else if (name.length > 200) problems.push([`name-${i}`, `The name of attendee ${i} must be 200 characters or fewer`]);
    if (!emailSchema.safeParse(email).success) problems.push([`email-${i}`, `Enter the e-mail address of attendee ${i}, like name@example.com`]);
    attendees.push({ name, email });
  }
  if (!attendees.length && !problems.length) problems.push(['name-1', 'Enter the name and e-mail address of at least one attendee']);
  const emails = attendees.map((a) => a.email.toLowerCase());
  emails.forEach((e, i) => {
    if (e && emails.indexOf(e) !== i) problems.push([`email-${i + 1}`, `Attendee ${i + 1} has the same e-mail address as attendee ${emails.indexOf(e) + 1}`]);
  });
  return done(problems, () => attendees);
}

export function parseRules(body: Record<string, unknown>): Parsed<BookingRules> {
  const problems: [string, string][] = [];
  const whole = (key: string, message: string, max: number) => {
    const n = Number(str(body, key));
    if (str(body, key) === '' || !Number.isInteger(n) || n < 0 || n > max) problems.push([key, message]);
    return n;
  };
  const freeCancellationWorkingDays = whole('freeCancellationWorkingDays', 'Enter the working days as a whole number from 0 to 60', 60);
  const lateCancellationPercent = whole('lateCancellationPercent', 'Enter the share of the price as a whole number from 0 to 100', 100);
  const reminderDays = whole('reminderDays', 'Enter the days as a whole number from 0 to 30', 30);
  return done(problems, () => ({ freeCancellationWorkingDays, lateCancellationPercent, reminderDays }));
}
