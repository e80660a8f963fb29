import { describe, expect, it } from 'vitest';
import { calendar, escapeText, paramValue } from './ics.js';

const event = {
  uid: 'visit-2@ey-hub',
  sequence: 0,
  start: new Date('2026-12-03T10:00:00Z'),
  end: new Date('2026-12-03T12:00:00Z'),
  summary: 'Visit',
  location: 'Room 1',
  description: 'x',
  organizer: { name: 'Ada "The Adviser": Kent, SIA', email: 'ada@kent.example' },
  attendees: [{ name: 'Nursery;\rROLE=CHAIR:mailto:evil@x', email: 'manager@greenview.example\r\nATTENDEE:mailto:evil@x' }],
  cancelled: false,
};

describe('iCalendar escaping of what people type', () => {
  it('escapes a bare CR and LF in text like CRLF, and drops other control characters', () => {
    expect(escapeText('a\rb\nc\r\nd')).toBe('a\\nb\\nc\\nd');
    expect(escapeText('bell\u0007 tab\t')).toBe('bell tab\t');
    expect(escapeText('10:00 "quoted"')).toBe('10:00 "quoted"');
  });

  it('quotes parameter values holding a colon, semicolon or comma; quotes and line breaks as RFC 6868 writes them', () => {
    expect(paramValue('Cora Sufficiency')).toBe('Cora Sufficiency');
    expect(paramValue('Smith, Jo: SIA')).toBe('"Smith, Jo: SIA"');
    expect(paramValue('Jo "JJ" ^ Smith')).toBe("Jo ^'JJ^' ^^ Smith");
    expect(paramValue('a\rb;c')).toBe('"a^nb;c"');
  });

  it('a name or address cannot add a line or a property to the invitation', () => {
    const ics = calendar([event], { method: 'REQUEST', now: new Date('2026-11-23T10:00:00Z') });
    const lines = ics.replace(/\r\n /g, '').split('\r\n');
    expect(lines).toContain(`ORGANIZER;CN="Ada ^'The Adviser^': Kent, SIA":mailto:ada@kent.example`);
    expect(lines).toContain('ATTENDEE;CN="Nursery;^nROLE=CHAIR:mailto:evil@x";ROLE=REQ-PARTICIPANT:mailto:manager@greenview.exampleATTENDEE:mailto:evil@x');
    expect(lines.filter((l) => l.startsWith('ATTENDEE'))).toHaveLength(1);
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  });
});
