import { describe, expect, it } from 'vitest';
import { changeSummary, latestOutcomeText, reportCardText } from './presenters.js';

// Issue 4: "latest outcome shown as staff would say it ("Requires improvement, inspected 3 March 2024" /
// report card areas as a small table)". A report card has no overall grade, so its weakest areas name it.
describe('outcomes as staff would say them', () => {
  it('a graded inspection: the grade and the date', () => {
    expect(latestOutcomeText({ overall: 'requires_improvement', inspection_date: '2024-03-03', report_card: null, key_judgements: null, safeguarding_effective: null })).toBe(
      'Requires improvement, inspected 3 March 2024',
    );
    expect(latestOutcomeText(null)).toBe('Not inspected yet');
  });

  it('a report card: its weakest grade and the areas that have it', () => {
    expect(reportCardText({ inclusion: 'expected_standard', leadership_and_governance: 'urgent_improvement', achievement: 'urgent_improvement' }, true)).toBe(
      'Report card: Urgent improvement in Achievement and Leadership and governance',
    );
    expect(reportCardText({ inclusion: 'needs_attention', curriculum_and_teaching: 'strong_standard' }, false)).toBe('Report card: Needs attention in Inclusion; safeguarding not met');
    expect(reportCardText({ inclusion: 'strong_standard', curriculum_and_teaching: 'exceptional' }, true)).toBe('Report card: Strong standard or better in every area');
    expect(reportCardText({}, null)).toBe('Report card');
    expect(latestOutcomeText({ overall: null, inspection_date: '2026-11-12', report_card: { welfare_and_wellbeing: 'needs_attention' }, key_judgements: null, safeguarding_effective: true })).toBe(
      'Report card: Needs attention in Children’s welfare and wellbeing, inspected 12 November 2026',
    );
  });

  it('a change of outcome from a grade to a report card, and between report cards', () => {
    const base = { change_type: 'new_inspection_outcome', from_value: 'good', to_value: 'report card' };
    expect(changeSummary({ ...base, details: { report_card: { leadership_and_governance: 'urgent_improvement' }, safeguarding_effective: true } })).toBe(
      'Good → Report card: Urgent improvement in Leadership and governance',
    );
    expect(
      changeSummary({ ...base, from_value: 'report card', details: { previous_report_card: { inclusion: 'needs_attention' }, report_card: { inclusion: 'expected_standard' } } }),
    ).toBe('Report card: Needs attention in Inclusion → Report card: Expected standard or better in every area');
    expect(changeSummary({ ...base, from_value: null, to_value: 'inadequate', details: {} })).toBe('First outcome: Inadequate');
  });
});
