import { describe, expect, it } from 'vitest';
import { audienceFromForm, describeAudience } from './audience.js';
import { nextInSeries, updateHtml, updateText } from './format.js';

describe('an update’s formatting: headings, paragraphs and links, nothing else', () => {
  const source = '# Funding dates\nThe autumn headcount\nopens on 1 October.\n\n## Where to look\nSee [the funding pages](https://example.gov.uk/funding) or write to [us](mailto:ey@example.gov.uk).';
  it('makes headings, joined paragraphs and https or mailto links', () => {
    expect(updateHtml(source)).toBe('<h2>Funding dates</h2>\n<p>The autumn headcount opens on 1 October.</p>\n<h3>Where to look</h3>\n<p>See <a href="https://example.gov.uk/funding">the funding pages</a> or write to <a href="mailto:ey@example.gov.uk">us</a>.</p>');
    expect(updateText(source)).toContain('See the funding pages (https://example.gov.uk/funding)');
  });
  it('escapes anything else typed, and makes no link of javascript: or http:', () => {
    const html = updateHtml('<script>alert(1)</script> [x](javascript:alert(1)) [y](http://plain.example) <b onclick="x">');
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<b ');
    expect(html).not.toContain('href="javascript');
    expect(html).not.toContain('href="http:');
    expect(html).toContain('&#60;script&#62;');
  });
});

describe('series ("Weekly \'provider updates\'", Leicestershire; "Twice monthly", the other version)', () => {
  it('weekly is seven days on; twice monthly is the 1st and the 16th', () => {
    expect(nextInSeries(new Date('2026-12-03T08:00:00Z'), 'weekly')).toEqual(new Date('2026-12-10T08:00:00Z'));
    expect(nextInSeries(new Date('2026-12-01T08:00:00Z'), 'twice_monthly')).toEqual(new Date('2026-12-16T08:00:00Z'));
    expect(nextInSeries(new Date('2026-12-16T08:00:00Z'), 'twice_monthly')).toEqual(new Date('2027-01-01T08:00:00Z'));
    expect(nextInSeries(new Date('2026-12-16T08:00:00Z'), 'none')).toBeNull();
  });
});

describe('the audience', () => {
  it('reads the form and says who it is in words', () => {
    const a = audienceFromForm({ providerTypes: 'Childcare on non-domestic premises', wards: 'Bower Mount, Park Wood', pathway: '' });
    expect(a).toEqual({ providerTypes: ['Childcare on non-domestic premises'], registers: [], wards: ['Bower Mount', 'Park Wood'], pathway: '', urns: [] });
    expect(describeAudience(a)).toBe('Childcare on non-domestic premises, in Bower Mount or Park Wood');
    expect(describeAudience(audienceFromForm({ urns: 'ey1\nEY2' }))).toBe('2 settings listed');
  });
});
