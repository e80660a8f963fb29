import { describe, expect, it } from 'vitest';
import { explainFirst, unexplained } from './plain-words.js';

describe('abbreviations settings meet are explained at their first use', () => {
  it('finds the first use that does not say what it means', () => {
    expect(unexplained('Settings on the EYR only')).toEqual(['EYR']);
    expect(unexplained('Settings on the Early Years Register (EYR); later the EYR')).toEqual([]);
    expect(unexplained('SSTEW audit (Sustained Shared Thinking and Emotional Well-being)')).toEqual([]);
    expect(unexplained('FF2-funded and EYR-CCR are other words')).toEqual([]);
    expect(unexplained('Review the SAWR, then the FF2 places')).toEqual(['SAWR', 'FF2']);
  });

  it('explains the first use and leaves the later ones short', () => {
    expect(explainFirst('Review the SAWR. The SAWR covers …')).toBe('Review the safeguarding and welfare requirements (SAWR). The SAWR covers …');
    expect(explainFirst('Funded places for two-year-olds (FF2): FF2 continues')).toBe('Funded places for two-year-olds (FF2): FF2 continues');
  });
});
