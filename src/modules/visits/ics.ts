/*
 * iCalendar (RFC 5545) for visits: one VEVENT per visit, Europe/London times with the zone's
 * rules included, a stable UID and a SEQUENCE that goes up with every change, so calendar
 * programs update or cancel the same event.
 */

export interface CalendarEvent {
  uid: string;
  sequence: number;
  start: Date;
  end: Date;
  summary: string;
  location: string;
  description: string;
  organizer: { name: string; email: string } | null;
  attendees: { name: string; email: string }[];
  cancelled: boolean;
}

const VTIMEZONE = [
  'BEGIN:VTIMEZONE',
  'TZID:Europe/London',
  'BEGIN:DAYLIGHT',
  'TZOFFSETFROM:+0000',
  'TZOFFSETTO:+0100',
  'TZNAME:BST',
  'DTSTART:19700329T010000',
  'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
  'END:DAYLIGHT',
  'BEGIN:STANDARD',
  'TZOFFSETFROM:+0100',
  'TZOFFSETTO:+0000',
  'TZNAME:GMT',
  'DTSTART:19701025T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
  'END:STANDARD',
  'END:VTIMEZONE',
];

// control characters other than the tab are not allowed in iCalendar text or parameters
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000a-\u001f\u007f]/g;

/** Text values: backslash, semicolon, comma and line breaks (CRLF, a bare CR or LF) escaped; other control characters dropped. */
export function escapeText(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n')
    .replace(CONTROL, '');
}

/**
 * A parameter value (CN=…): in double quotes when it holds ":", ";" or ",", so they cannot end
 * it; quotes, line breaks and carets as RFC 6868 writes them (^' ^n ^^); other control
 * characters dropped.
 */
export function paramValue(value: string): string {
  const encoded = value.replace(/\^/g, '^^').replace(/\r\n|\r|\n/g, '^n').replace(/"/g, "^'").replace(CONTROL, '');
  return /[:;,]/.test(encoded) ? `"${encoded}"` : encoded;
}

/** An e-mail address as a mailto: URI, with nothing that could end the line or the value. */
function mailto(email: string): string {
  return `mailto:${email.replace(CONTROL, '').replace(/[\s"<>\\]/g, '')}`;
}

/** Lines longer than 75 octets are folded (CRLF and a space), never inside a UTF-8 character. */
export function fold(line: string): string {
  const bytes = Buffer.from(line, 'utf8');
  if (bytes.length <= 75) return line;
  const parts: string[] = [];
  let start = 0;
  let limit = 75;
  while (start < bytes.length) {
    let end = Math.min(bytes.length, start + limit);
    while (end < bytes.length && (bytes[end]! & 0xc0) === 0x80) end--;
    parts.push(bytes.subarray(start, end).toString('utf8'));
    start = end;
    limit = 74;
  }
  return parts.join('\r\n ');
}

const londonParts = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });

/** 20261203T100000 in London local time. */
export function londonLocal(instant: Date): string {
  const p = Object.fromEntries(londonParts.formatToParts(instant).map((x) => [x.type, x.value]));
  return `${p.year}${p.month}${p.day}T${p.hour}${p.minute}${p.second}`;
}

function utc(instant: Date): string {
  return instant.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

export function calendar(events: CalendarEvent[], options: { method: 'REQUEST' | 'CANCEL' | 'PUBLISH'; name?: string; now: Date }): string {
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//EY Hub//Visits//EN', 'CALSCALE:GREGORIAN', `METHOD:${options.method}`];
  if (options.name) lines.push(`X-WR-CALNAME:${escapeText(options.name)}`);
  lines.push(...VTIMEZONE);
  for (const e of events) {
    lines.push(
      'BEGIN:VEVENT',
      `UID:${escapeText(e.uid)}`,
      `SEQUENCE:${e.sequence}`,
      `DTSTAMP:${utc(options.now)}`,
      `DTSTART;TZID=Europe/London:${londonLocal(e.start)}`,
      `DTEND;TZID=Europe/London:${londonLocal(e.end)}`,
      `SUMMARY:${escapeText(e.summary)}`,
      `LOCATION:${escapeText(e.location)}`,
      `DESCRIPTION:${escapeText(e.description)}`,
      `STATUS:${e.cancelled ? 'CANCELLED' : 'CONFIRMED'}`,
    );
    if (e.organizer) lines.push(`ORGANIZER;CN=${paramValue(e.organizer.name)}:${mailto(e.organizer.email)}`);
    for (const a of e.attendees) lines.push(`ATTENDEE;CN=${paramValue(a.name)};ROLE=REQ-PARTICIPANT:${mailto(a.email)}`);
    lines.push('END:VEVENT');
  }
  lines.push('END:VCALENDAR');
  return lines.map(fold).join('\r\n') + '\r\n';
}
