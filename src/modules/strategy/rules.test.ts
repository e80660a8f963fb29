import { describe, expect, it } from 'vitest';
import { countRags, defaultHeadings, monthEnds, ragCountsOverTime, ragMeanings, ragTrail } from './rules.js';

describe('strategy register rules (Rutland case study)', () => {
  it('"maps current practice under the headings of Working in Partnership, Economic Development, Inclusion and The Education Experience"', () => {
    expect(defaultHeadings).toEqual(['Working in Partnership', 'Economic Development', 'Inclusion', 'The Education Experience']);
  });

  it('"the report recommendations were rag rated red, amber and green": each colour keeps the case study\'s words', () => {
    expect(ragMeanings.green).toBe('Already in place but needed a greater degree of communication within our partnership');
    expect(ragMeanings.amber).toBe('May have been established but not yet fully embedded');
    expect(ragMeanings.red).toBe('Uncertainty as to whether the recommendations were fully established, or not a feasible option and open to further discussion and exploration across our partnership');
  });

  it('counts each recommendation at its latest status at each date, and not before it was made', () => {
    const at = (s: string) => new Date(s);
    const updates = [
      { recommendationId: 'a', at: at('2026-09-10T10:00:00Z'), rag: 'red' as const },
      { recommendationId: 'b', at: at('2026-09-20T10:00:00Z'), rag: 'amber' as const },
      { recommendationId: 'a', at: at('2026-10-05T10:00:00Z'), rag: 'amber' as const },
      { recommendationId: 'a', at: at('2026-11-15T10:00:00Z'), rag: 'green' as const },
      { recommendationId: 'c', at: at('2026-11-16T10:00:00Z'), rag: 'red' as const },
    ];
    const [aug, sep, oct, nov] = ragCountsOverTime(updates, [at('2026-08-31T23:00:00Z'), at('2026-09-30T23:00:00Z'), at('2026-10-31T23:00:00Z'), at('2026-11-30T23:00:00Z')]);
    expect(aug).toEqual({ red: 0, amber: 0, green: 0, total: 0 });
    expect(sep).toEqual({ red: 1, amber: 1, green: 0, total: 2 });
    expect(oct).toEqual({ red: 0, amber: 2, green: 0, total: 2 });
    expect(nov).toEqual({ red: 1, amber: 1, green: 1, total: 3 });
  });

  it('the report\'s dates are month ends, the last one today', () => {
    expect(monthEnds('2026-12-08', 4)).toEqual(['2026-09-30', '2026-10-31', '2026-11-30', '2026-12-08']);
    expect(monthEnds('2026-03-15', 2)).toEqual(['2026-02-28', '2026-03-15']);
  });

  it('a status trail reads Red → Amber → Green, a repeated status once', () => {
    expect(ragTrail([{ rag: 'red' }, { rag: 'amber' }, { rag: 'amber' }, { rag: 'green' }])).toBe('Red → Amber → Green');
    expect(countRags(['red', 'green', 'green'])).toEqual({ red: 1, amber: 0, green: 2, total: 3 });
  });
});
