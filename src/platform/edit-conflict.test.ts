import { describe, expect, it } from 'vitest';
import { changedWhileEditing, conflictErrors, isStale, postedVersion } from './edit-conflict.js';

describe('concurrent edits (optimistic versions)', () => {
  it('reads the posted version: a positive whole number or nothing', () => {
    expect(postedVersion({ version: '3' })).toBe(3);
    expect(postedVersion({ version: '0' })).toBeNull();
    expect(postedVersion({ version: '-1' })).toBeNull();
    expect(postedVersion({ version: '1.5' })).toBeNull();
    expect(postedVersion({ version: ['1', '2'] })).toBeNull();
    expect(postedVersion({})).toBeNull();
  });

  it('a save is stale only when the form edited another version than the stored one', () => {
    expect(isStale(1, 1)).toBe(false);
    expect(isStale(1, 2)).toBe(true);
    expect(isStale(3, 2)).toBe(true);
    expect(isStale(null, 5)).toBe(false);
  });

  it('names who changed it and when, with the date when it was not today (London time)', () => {
    const now = new Date('2026-12-04T16:30:00Z');
    expect(changedWhileEditing('note', 'Ada Adviser', new Date('2026-12-04T15:04:00Z'), now)).toMatch(/^This note was changed by Ada Adviser at 3:04pm while you were editing it\./);
    expect(changedWhileEditing('action', null, new Date('2026-12-03T09:00:00Z'), now)).toMatch(/^This action was changed by someone else on 3 December 2026 at 9:00am while/);
    // summer time: 14:04 UTC is 3:04pm in London
    expect(changedWhileEditing('note', 'Jo', new Date('2026-07-01T14:04:00Z'), new Date('2026-07-01T15:00:00Z'))).toContain('at 3:04pm');
    expect(conflictErrors('x').list).toEqual([{ text: 'x', href: '#their-version' }]);
  });
});
