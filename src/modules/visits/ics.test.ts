import { describe, expect, it } from 'vitest';
import { calendar, escapeText, fold, londonLocal } from './ics.js';

const event = {
  uid: 'visit-1@ey-hub',
  sequence: 0,
  start: new Date('2026-12-03T10:00:00Z'),
  end: new Date('2026-12-03T12:00:00Z'),
  summary: 'EY Hub visit: Greenview Nursery, Visit 1',
  location: 'At the setting; Capel Street, Folkestone',
  description: 'Focus: review the SAWR.\nAgenda: actions from Ofsted',
  organizer: { name: 'Ada Adviser', email: 'ada@kent.example' },
  attendees: [{ name: 'Greenview Nursery', email: 'manager@greenview.example' }],
  cancelled: false,
};

describe('iCalendar invitations', () => {
  it('writes London wall-clock times across the clock change', () => {
    expect(londonLocal(new Date('2026-12-03T10:00:00Z'))).toBe('20261203T100000');
    expect(londonLocal(new Date('2026-07-01T09:30:00Z'))).toBe('20260701T103000');
  });
  it('escapes text and folds long lines at 75 octets without splitting a character', () => {
    expect(escapeText('a,b;c\\d\ne')).toBe('a\\,b\\;c\\\\d\\ne');
    const long = `DESCRIPTION:${'é'.repeat(60)}`;
    const folded = fold(long).split('\r\n ');
    expect(folded.every((l) => Buffer.byteLength(l) <= 75)).toBe(true);
    expect(folded.join('')).toBe(long);
  });
  it('an invitation (REQUEST) and its cancellation (CANCEL) share the UID; the sequence goes up', () => {
    const now = new Date('2026-11-23T10:00:00Z');
    const invite = calendar([event], { method: 'REQUEST', now });
    expect(invite).toContain('METHOD:REQUEST\r\n');
    expect(invite).toContain('DTSTART;TZID=Europe/London:20261203T100000\r\n');
    expect(invite).toContain('LOCATION:At the setting\\; Capel Street\\, Folkestone\r\n');
    expect(invite).toContain('BEGIN:VTIMEZONE');
    const cancel = calendar([{ ...event, sequence: 1, cancelled: true }], { method: 'CANCEL', now });
    expect(cancel).toContain('METHOD:CANCEL');
    expect(cancel).toContain('UID:visit-1@ey-hub');
    expect(cancel).toContain('SEQUENCE:1');
    expect(cancel).toContain('STATUS:CANCELLED');
  });
});
