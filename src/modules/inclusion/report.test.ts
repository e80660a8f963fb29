import { describe, expect, it } from 'vitest';
import { columnChart, medianDays, monthlyCounts } from './report.js';

describe('inclusion report figures', () => {
  it('counts referrals per calendar month over the last months, empty months included', () => {
    expect(monthlyCounts(['2026-11-23', '2026-11-01', '2026-09-30', '2025-11-30'], '2026-11', 3)).toEqual([
      { month: '2026-09', count: 1 }, { month: '2026-10', count: 0 }, { month: '2026-11', count: 2 },
    ]);
    expect(monthlyCounts([], '2027-01', 2).map((m) => m.month)).toEqual(['2026-12', '2027-01']);
  });
  it('the median of waiting times', () => {
    expect(medianDays([])).toBeNull();
    expect(medianDays([16, 2, 9])).toBe(9);
    expect(medianDays([10, 2, 4, 30])).toBe(7);
  });
  it('the chart labels every column with its value and has a title', () => {
    const svg = columnChart('c', 'Referrals & more', [{ label: 'Nov', count: 3 }, { label: 'Dec', count: 0 }]);
    expect(svg).toContain('<title id="c-title">Referrals &#38; more</title>');
    expect(svg).toMatch(/>3<\/text>.*>0<\/text>/);
  });
});
