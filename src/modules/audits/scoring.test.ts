import { describe, expect, it } from 'vitest';
import { parseTemplate } from './definition.js';
import { barChart } from './chart.js';
import { distribution } from './presenters.js';
import { isLow, itemPercent, lowItems, overallScore, sectionScores, unanswered, type Answers } from './scoring.js';
import { shippedTemplates, suggestedTemplate } from './templates.js';

const byKey = (key: string) => shippedTemplates().find((t) => t.key === key)!;
const sstew = byKey('sstew');
const all = (value: string): Answers => Object.fromEntries(sstew.sections.flatMap((s) => s.items.map((i) => [i.key, { value }])));

describe('shipped templates', () => {
  it('all parse, with the structures the issue names', () => {
    expect(shippedTemplates().map((t) => t.key)).toEqual(['sawr', 'two_year_old', 'sstew', 'grade_descriptors', 'oos_partnership', 'feee_self_evaluation']);
    // SSTEW: "5 subscales, 14 items, 1-7 scale"
    expect(sstew.sections).toHaveLength(5);
    expect(sstew.sections.flatMap((s) => s.items)).toHaveLength(14);
    expect(sstew.scales[0]!.points.map((p) => `${p.value}`)).toEqual(['1', '2', '3', '4', '5', '6', '7']);
    expect(sstew.scales[0]!.points.filter((p) => ['1', '3', '5', '7'].includes(p.value)).map((p) => p.label)).toEqual(['Inadequate', 'Minimal', 'Good', 'Excellent']);
    // SAWR follows EYFS section 3
    expect(byKey('sawr').sections.map((s) => s.title)).toContain('Staff:child ratios');
    // OOS self-assessment: EYFS 3.40, 3.68, 3.73 and handbook paragraphs 82 and 120-122 as guidance
    const sources = byKey('oos_partnership').sections.flatMap((s) => s.items.map((i) => i.source));
    for (const ref of ['EYFS 3.40', 'EYFS 3.68', 'EYFS 3.73', 'Inspection handbook paragraph 82', 'Inspection handbook paragraphs 120-122']) expect(sources).toContain(ref);
    expect(byKey('grade_descriptors').sections.map((s) => s.title)).toEqual(['Education inspection framework: key judgements', 'Report card evaluation areas']);
  });

  it('the visit plan wording suggests the audit: "Conduct a SSTEW audit to contribute to improvement plans"', () => {
    const stored = shippedTemplates().map((t, i) => ({ id: String(i), key: t.key, version: 1, name: t.name, definition: t, created_at: new Date() }));
    expect(suggestedTemplate(stored, 'Review and evaluate recommendations … Conduct a SSTEW audit to contribute to improvement plans.')?.key).toBe('sstew');
    expect(suggestedTemplate(stored, 'Focus on the safe guarding and welfare requirement audit & developing a training plan')?.key).toBe('sawr');
    expect(suggestedTemplate(stored, 'Conduct a two year old audit.')?.key).toBe('two_year_old');
    expect(suggestedTemplate(stored, 'Begin to evaluate the grade descriptors within the Ofsted evaluation schedule.')?.key).toBe('grade_descriptors');
    expect(suggestedTemplate(stored, 'Review the business plan')).toBeUndefined();
  });
});

describe('scores', () => {
  it('SSTEW: the worst point is 0%, the best 100%, and the mean is on the 1-7 scale', () => {
    const item = sstew.sections[0]!.items[0]!;
    expect(itemPercent(sstew, item, { value: '1' })).toBe(0);
    expect(itemPercent(sstew, item, { value: '7' })).toBe(100);
    expect(itemPercent(sstew, item, { value: '5' })).toBeCloseTo(66.7, 1);
    expect(overallScore(sstew, all('5'))).toEqual({ percent: 66.7, mean: 5 });
    const answers = { ...all('5'), item_1: { value: '3' }, item_2: { value: '7' }, item_3: { value: '2' } };
    expect(sectionScores(sstew, answers)[0]).toMatchObject({ title: 'Building trust, confidence and independence', answered: 3, percent: 50, mean: 4 }) // (33.3 + 100 + 16.7) / 3;
  });

  it('"minimal" (3) or below is low and becomes an action; 4 and above is not', () => {
    const answers = { ...all('5'), item_5: { value: '3', comment: 'Few open questions' }, item_9: { value: '3' }, item_10: { value: '4' } };
    const low = lowItems(sstew, answers);
    expect(low.map((l) => l.key)).toEqual(['item_5', 'item_9']);
    expect(low[0]!.action).toBe(`${sstew.name}: Item 5. Encouraging children to talk with others (Few open questions)`);
  });

  it('yes / partly / no: not applicable is left out of the score; "no" and "partly" are low', () => {
    const sawr = byKey('sawr');
    const section = sawr.sections[0]!;
    const answers: Answers = { cp_policy: { value: 'yes' }, cp_lead: { value: 'no' }, cp_training: { value: 'partly' }, cp_phones: { value: 'na' } };
    expect(sectionScores(sawr, answers)[0]).toMatchObject({ percent: 50, mean: null, answered: 4 });
    expect(isLow(sawr, section.items[1]!, answers.cp_lead)).toBe(true);
    expect(isLow(sawr, section.items[3]!, answers.cp_phones)).toBe(false);
    expect(unanswered(sawr, answers).length).toBe(sawr.sections.flatMap((s) => s.items).filter((i) => i.response === 'yes_no' || i.response === 'rating').length - 4);
  });

  it('a template without answers has no score rather than 0%', () => {
    expect(overallScore(sstew, {})).toEqual({ percent: null, mean: null });
    expect(sectionScores(sstew, {})[0]!.percent).toBeNull();
  });

  it('the LA distribution counts providers per band, with no names', () => {
    const d = distribution(sstew, [{ answers: all('1'), definition: sstew }, { answers: all('7'), definition: sstew }, { answers: all('5'), definition: sstew }]);
    expect(d.rows[0]).toMatchObject({ counts: [1, 0, 1, 1], total: 3, mean: 56 });
  });
});

describe('templates as JSON', () => {
  it('an imported template with a rating item on a missing scale is refused, naming the place', () => {
    const broken = JSON.parse(JSON.stringify(sstew)) as { scales: unknown[] };
    broken.scales = [];
    const result = parseTemplate(broken);
    expect(result).toEqual({ ok: false, message: 'sections.0.items.0.scale: Item "item_1" needs one of the template\'s scales' });
  });
});

describe('charts', () => {
  it('are one labelled image with every value written on its bar', () => {
    const svg = barChart({ id: 'c', title: 'Scores <b>', description: 'd', series: ['A'], rows: [{ label: 'Section one', values: [50] }, { label: 'Two', values: [null] }] });
    expect(svg).toContain('role="img"');
    expect(svg).toContain('aria-labelledby="c-title c-desc"');
    expect(svg).toContain('<title id="c-title">Scores &#60;b&#62;</title>');
    expect(svg).toContain('>50%<');
    expect(svg).toContain('>none<');
  });
});
