import type { TenantDb } from '../../db/tenant.js';
import { formatDate, formatDateTime } from '../../platform/dates.js';
import { pdfDocument } from '../../platform/pdf.js';
import { enqueue, textToHtml } from '../outbox/index.js';
import { icsCalendar } from '../visits/index.js';
import type { SessionRow } from './repository.js';
import { money } from './rules.js';

/* What training and events send through the outbox: confirmations with the calendar file, the waiting list, cancellations, reminders, certificates. */

export interface Attendee {
  id: string;
  attendee_name: string;
  attendee_email: string;
}

type Session = Pick<SessionRow, 'id' | 'title' | 'starts_at' | 'ends_at' | 'venue' | 'online_link'>;

const where = (s: Session) => [s.venue, s.online_link].filter(Boolean).join(' · ') || 'To be confirmed';

/** The session as an iCalendar file for one attendee (the booking is the event: a cancelled place cancels it). */
export function sessionIcs(s: Session, a: Attendee, now: Date, options: { cancelled?: boolean; sequence?: number } = {}): string {
  return icsCalendar(
    [{
      uid: `training-${a.id}@ey-hub`, sequence: options.sequence ?? 0, start: s.starts_at, end: s.ends_at, summary: s.title, location: where(s),
      description: `${s.title}${s.online_link ? `\nJoin online: ${s.online_link}` : ''}`, organizer: null, attendees: [{ name: a.attendee_name, email: a.attendee_email }], cancelled: options.cancelled ?? false,
    }],
    { method: options.cancelled ? 'CANCEL' : 'REQUEST', now },
  );
}

async function send(tx: TenantDb, a: Attendee, subject: string, lines: string[], now: Date, attachments: { filename: string; contentType: string; content: Buffer }[] = []) {
  const text = [`Hello ${a.attendee_name},`, '', ...lines].join('\n');
  await enqueue(tx, { to: [a.attendee_email], subject, text, html: textToHtml(text), attachments, record: { type: 'training_booking', id: a.id } }, now);
}

const ics = (s: Session, a: Attendee, now: Date, options: { cancelled?: boolean; sequence?: number } = {}) => ({ filename: 'session.ics', contentType: 'text/calendar; charset=utf-8', content: Buffer.from(sessionIcs(s, a, now, options)) });

export function mailBooked(tx: TenantDb, s: Session, a: Attendee, settingName: string, now: Date, fromWaitingList = false) {
  const opening = fromWaitingList ? `A place has become free and it is yours: ${s.title} on ${formatDateTime(s.starts_at)}.` : `${settingName} has booked you a place on ${s.title} on ${formatDateTime(s.starts_at)}.`;
  return send(tx, a, fromWaitingList ? `A place is yours: ${s.title}` : `Your place: ${s.title}`, [opening, `Where: ${where(s)}`, '', 'The calendar file attached adds it to your calendar.'], now, [ics(s, a, now)]);
}

export function mailWaiting(tx: TenantDb, s: Session, a: Attendee, now: Date) {
  return send(tx, a, `Waiting list: ${s.title}`, [`${s.title} on ${formatDateTime(s.starts_at)} is full. You are on the waiting list: if a place becomes free it goes to the first on the list, and we will e-mail you.`], now);
}

export function mailCancelled(tx: TenantDb, s: Session, a: Attendee, chargePence: number, now: Date) {
  const charge = chargePence > 0 ? `It was cancelled inside the charged period, so ${money(chargePence)} will be invoiced to the setting.` : 'There is no charge.';
  return send(tx, a, `Place cancelled: ${s.title}`, [`Your place on ${s.title} on ${formatDateTime(s.starts_at)} is cancelled.`, charge], now, [ics(s, a, now, { cancelled: true, sequence: 1 })]);
}

export function mailReminder(tx: TenantDb, s: Session, a: Attendee, now: Date) {
  return send(tx, a, `Reminder: ${s.title} on ${formatDate(s.starts_at)}`, [`This is a reminder of ${s.title} on ${formatDateTime(s.starts_at)}.`, `Where: ${where(s)}`], now, [ics(s, a, now)]);
}

/** The certificate of attendance: a tagged PDF naming the attendee, the setting, the course, the date and the LA. */
export function certificatePdf(c: { laName: string; attendee: string; settingName: string; title: string; date: Date; team: string }): Promise<Buffer> {
  const pdf = pdfDocument({ title: `Certificate of attendance: ${c.title}`, author: c.laName, subject: `Certificate of attendance for ${c.attendee}` });
  pdf.kicker(`${c.laName} · Early Years and Childcare`);
  pdf.heading('Certificate of attendance', 1);
  pdf.para(`This certifies that ${c.attendee} (${c.settingName}) attended`);
  pdf.heading(c.title);
  pdf.para(`on ${formatDate(c.date)}${c.team ? `, run by ${c.team}` : ''}.`);
  return pdf.finish();
}

export async function mailCertificate(tx: TenantDb, s: Session & { team: string }, a: Attendee, settingName: string, laName: string, evaluationUrl: string, now: Date) {
  const pdf = await certificatePdf({ laName, attendee: a.attendee_name, settingName, title: s.title, date: s.starts_at, team: s.team });
  await send(tx, a, `Your certificate: ${s.title}`, [`Thank you for attending ${s.title} on ${formatDate(s.starts_at)}. Your certificate is attached.`, '', `Please tell us what you thought (a short form, 2 minutes): ${evaluationUrl}`], now, [{ filename: 'certificate.pdf', contentType: 'application/pdf', content: pdf }]);
}

export function mailReplaced(tx: TenantDb, s: Session, a: Attendee, by: string, now: Date) {
  return send(tx, a, `Your place has gone to a colleague: ${s.title}`, [`Your setting has given your place on ${s.title} on ${formatDateTime(s.starts_at)} to ${by}.`], now, [ics(s, a, now, { cancelled: true, sequence: 1 })]);
}
