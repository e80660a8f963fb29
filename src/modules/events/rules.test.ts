import { describe, expect, it } from 'vitest';
import { englandCalendar } from '../../platform/calendar.js';
import { cancellationCharge, defaultBookingRules, incomeOf, lastFreeCancellationDate, money, parsePounds, placesFor, placesForWaitingList, priceOfPlace, termOf } from './rules.js';

const calendar = englandCalendar();
const session = { capacity: 12, taken: 10, bookingDeadline: '2027-01-18', startsAt: new Date('2027-01-25T09:30:00Z') };
const now = new Date('2027-01-11T10:00:00Z');

describe('booking places ("settings book places for named staff; a full session offers the waiting list")', () => {
  it('books as many as are free and offers the waiting list for the rest', () => {
    expect(placesFor(session, 2, now)).toEqual({ kind: 'places', booked: 2, waiting: 0 });
    expect(placesFor(session, 3, now)).toEqual({ kind: 'places', booked: 2, waiting: 1 });
    expect(placesFor({ ...session, taken: 12 }, 2, now)).toEqual({ kind: 'places', booked: 0, waiting: 2 });
    expect(placesFor({ ...session, taken: 14 }, 1, now)).toEqual({ kind: 'places', booked: 0, waiting: 1 }); // over-full after a capacity change
  });
  it('takes bookings up to the end of the booking deadline, London time, and none once the session has started', () => {
    expect(placesFor(session, 1, new Date('2027-01-18T23:30:00Z'))).toMatchObject({ kind: 'places', booked: 1 });
    expect(placesFor(session, 1, new Date('2027-01-19T00:00:00Z'))).toEqual({ kind: 'closed', reason: 'Booking closed on the booking deadline' });
    expect(placesFor({ ...session, bookingDeadline: '2027-01-25' }, 1, new Date('2027-01-25T09:30:00Z'))).toEqual({ kind: 'closed', reason: 'The session has started' });
  });
  it('a place costs its price when the course is chargeable and nothing when free or centrally funded', () => {
    expect(priceOfPlace({ funding: 'chargeable', price_pence: 4500 })).toBe(4500);
    expect(priceOfPlace({ funding: 'free', price_pence: 4500 })).toBe(0);
  });
});

describe('cancelling ("free cancellation up to N working days before, then charged", LA data)', () => {
  const place = { sessionDate: '2027-01-25', placePence: 4500, wasBooked: true, rules: defaultBookingRules, calendar };
  it('5 working days before a Monday session is the Monday before; cancelling then is free, the day after costs the place', () => {
    expect(lastFreeCancellationDate('2027-01-25', defaultBookingRules, calendar)).toBe('2027-01-18');
    expect(cancellationCharge({ ...place, cancelDate: '2027-01-18' })).toEqual({ pence: 0, freeUntil: '2027-01-18' });
    expect(cancellationCharge({ ...place, cancelDate: '2027-01-19' })).toEqual({ pence: 4500, freeUntil: '2027-01-18' });
  });
  it('bank holidays are not working days: before Easter 2027 the free period ends earlier', () => {
    // Thursday 1 April 2027: 31, 30 March, (29 and 26 March are bank holidays), 25, 24, 23 March
    expect(lastFreeCancellationDate('2027-04-01', defaultBookingRules, calendar)).toBe('2027-03-23');
  });
  it('charges the LA’s share of the price, and nothing for a free place or a waiting-list place', () => {
    const half = { ...defaultBookingRules, lateCancellationPercent: 50 };
    expect(cancellationCharge({ ...place, rules: half, cancelDate: '2027-01-22' }).pence).toBe(2250);
    expect(cancellationCharge({ ...place, placePence: 0, cancelDate: '2027-01-22' }).pence).toBe(0);
    expect(cancellationCharge({ ...place, wasBooked: false, cancelDate: '2027-01-22' }).pence).toBe(0);
  });
  it('with 0 working days, cancelling any day before the session is free and on the day is charged', () => {
    const rules = { ...defaultBookingRules, freeCancellationWorkingDays: 0 };
    expect(cancellationCharge({ ...place, rules, cancelDate: '2027-01-24' }).pence).toBe(0);
    expect(cancellationCharge({ ...place, rules, cancelDate: '2027-01-25' }).pence).toBe(4500);
  });
});

describe('the waiting list ("a freed place goes to the first on it")', () => {
  const at = (minute: number) => new Date(`2027-01-11T10:${String(minute).padStart(2, '0')}:00Z`);
  const bookings = [
    { id: 'a', status: 'booked' as const, requested_at: at(1) },
    { id: 'late', status: 'waiting' as const, requested_at: at(9) },
    { id: 'b', status: 'cancelled' as const, requested_at: at(2) },
    { id: 'first', status: 'waiting' as const, requested_at: at(5) },
  ];
  it('gives the freed place to whoever asked first, and only as many as are free', () => {
    expect(placesForWaitingList(2, bookings, session.startsAt, now).map((b) => b.id)).toEqual(['first']);
    expect(placesForWaitingList(3, bookings, session.startsAt, now).map((b) => b.id)).toEqual(['first', 'late']);
    expect(placesForWaitingList(1, bookings, session.startsAt, now)).toEqual([]);
  });
  it('gives no place once the session has started', () => {
    expect(placesForWaitingList(3, bookings, session.startsAt, session.startsAt)).toEqual([]);
  });
});

describe('income', () => {
  it('counts a held place at its price, a late cancellation at its charge, a waiting place at nothing', () => {
    expect(incomeOf({ status: 'booked', charge_pence: 4500, cancellation_charge_pence: 0 })).toBe(4500);
    expect(incomeOf({ status: 'cancelled', charge_pence: 4500, cancellation_charge_pence: 4500 })).toBe(4500);
    expect(incomeOf({ status: 'cancelled', charge_pence: 4500, cancellation_charge_pence: 0 })).toBe(0);
    expect(incomeOf({ status: 'waiting', charge_pence: 4500, cancellation_charge_pence: 0 })).toBe(0);
  });
  it('puts a date in its school term, ordered within the academic year', () => {
    expect(termOf('2026-11-30')).toEqual({ key: '2026-1', label: 'Autumn 2026' });
    expect(termOf('2027-01-25')).toEqual({ key: '2026-2', label: 'Spring 2027' });
    expect(termOf('2027-06-01')).toEqual({ key: '2026-3', label: 'Summer 2027' });
  });
  it('shows and reads prices in pounds', () => {
    expect(money(4500)).toBe('£45.00');
    expect(money(123456)).toBe('£1,234.56');
    expect(money(0)).toBe('Free');
    expect(parsePounds('£45')).toBe(4500);
    expect(parsePounds('45.5')).toBe(4550);
    expect(parsePounds('1,250.00')).toBe(125000);
    expect(parsePounds('forty')).toBeNull();
  });
});
