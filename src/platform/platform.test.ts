import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, isIsoDate, londonInstant, londonStartOfDay, parseTypedDate } from './dates.js';
import { generateOneTimePassword, hashPassword, verifyPassword } from './passwords.js';
import { paginationView, parsePage } from './pagination.js';

describe('passwords', () => {
  it('verifies the right password and rejects a wrong one', async () => {
    const hash = await hashPassword('correct horse battery staple');
    expect(hash).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(await verifyPassword('correct horse battery staple', hash)).toBe(true);
    expect(await verifyPassword('correct horse battery stapler', hash)).toBe(false);
    expect(await verifyPassword('anything', 'not-a-hash')).toBe(false);
  });

  it('makes a different one-time password every time', () => {
    const a = generateOneTimePassword();
    expect(a).toMatch(/^[A-Za-z0-9]{4}(-[A-Za-z0-9]{4}){3}$/);
    expect(a).not.toMatch(/[0O1lI]/);
    expect(generateOneTimePassword()).not.toBe(a);
  });
});

describe('dates as staff read them', () => {
  it('shows dates like "3 March 2026" in London time', () => {
    expect(formatDate('2026-03-03')).toBe('3 March 2026');
    // 23:30 UTC on 30 June is already 1 July in London (BST)
    expect(formatDate(new Date('2026-06-30T23:30:00Z'))).toBe('1 July 2026');
    expect(formatDateTime(new Date('2026-06-30T13:05:00Z'))).toBe('30 June 2026 at 2:05pm');
    // noon and midnight (London) as people write them, not 0:00pm
    expect(formatDateTime(new Date('2026-12-08T12:00:00Z'))).toBe('8 December 2026 at 12:00pm');
    expect(formatDateTime(new Date('2026-12-08T00:05:00Z'))).toBe('8 December 2026 at 12:05am');
    expect(formatDate(null)).toBe('');
  });

  it('finds the start of a London day in winter and in summer', () => {
    expect(londonStartOfDay('2026-01-15').toISOString()).toBe('2026-01-15T00:00:00.000Z');
    expect(londonStartOfDay('2026-07-15').toISOString()).toBe('2026-07-14T23:00:00.000Z');
  });

  it('turns a London time into an instant on both sides of the clock change', () => {
    expect(londonInstant('2026-03-28', '09:30').toISOString()).toBe('2026-03-28T09:30:00.000Z');
    expect(londonInstant('2026-03-29', '09:30').toISOString()).toBe('2026-03-29T08:30:00.000Z');
    expect(londonInstant('2026-10-25', '09:30').toISOString()).toBe('2026-10-25T09:30:00.000Z');
  });

  it('accepts only real calendar dates', () => {
    expect(isIsoDate('2028-02-29')).toBe(true);
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('3 March 2026')).toBe(false);
  });

  it('reads a date typed into a filter the way staff write it', () => {
    for (const typed of ['3/3/2026', '03/03/2026', '3-3-2026', '3.3.2026', '3 March 2026', ' 3 mar  2026 ', '2026-03-03']) {
      expect(parseTypedDate(typed)).toBe('2026-03-03');
    }
    expect(parseTypedDate('31/3/2026')).toBe('2026-03-31');
    for (const typed of ['30/2/2026', '3/13/2026', 'yesterday', '3 Ma 2026', '3 Marchember 2026', '2026', '']) {
      expect(parseTypedDate(typed)).toBeNull();
    }
  });
});

describe('pagination', () => {
  it('reads the page number defensively', () => {
    expect(parsePage('3')).toEqual({ page: 3, limit: 25, offset: 50 });
    expect(parsePage('-1').page).toBe(1);
    expect(parsePage('abc').page).toBe(1);
  });

  it('keeps the search in page links and marks the current page', () => {
    const view = paginationView('/users', { q: 'ann' }, 2, 60);
    expect(view.from).toBe(26);
    expect(view.to).toBe(50);
    expect(view.pagination?.previous?.href).toBe('/users?q=ann&page=1');
    expect(view.pagination?.next?.href).toBe('/users?q=ann&page=3');
    expect(view.pagination?.items.filter((i) => 'current' in i && i.current)).toHaveLength(1);
    expect(paginationView('/users', {}, 1, 10).pagination).toBeNull();
  });
});
