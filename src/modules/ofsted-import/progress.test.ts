import { describe, expect, it } from 'vitest';
import { progressReport } from './types.js';

describe('import progress shown to the browser', () => {
  it('shows the running phase and its percentage while the import runs', () => {
    expect(progressReport('running', { phase: 'saving', done: 1, total: 4 })).toEqual({ status: 'running', phase: 'saving', percent: 25 });
    expect(progressReport('running', undefined)).toEqual({ status: 'running', phase: 'running', percent: 0 });
  });

  it('says finished as soon as the import is recorded as finished, even if the last progress update has not arrived', () => {
    expect(progressReport('succeeded', { phase: 'saving', done: 1, total: 2 })).toEqual({ status: 'succeeded', phase: 'succeeded', percent: 100 });
    expect(progressReport('rejected', undefined)).toEqual({ status: 'rejected', phase: 'rejected', percent: 100 });
  });
});
