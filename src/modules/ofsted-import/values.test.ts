import { describe, expect, it } from 'vitest';
import { addressWithheld } from './xml-reader.js';
import {
  localAuthorityKey,
  parseDate,
  parseNumber,
  parseOutcome,
  parseProviderType,
  parseReportCardGrade,
  parseStatus,
  parseUrn,
  parseYesNo,
  text,
} from './values.js';

describe('Ofsted values as staff and Ofsted write them', () => {
  it('reads dates: dd/mm/yyyy, with a time, ISO, a range (its first day); impossible dates are named', () => {
    expect(parseDate('03/09/2015 00:00')).toEqual({ value: '2015-09-03' });
    expect(parseDate('3/9/2015')).toEqual({ value: '2015-09-03' });
    expect(parseDate('2021-02-22T05:30:33')).toEqual({ value: '2021-02-22' });
    expect(parseDate('01/02/2019 - 05/02/2019')).toEqual({ value: '2019-02-01' });
    expect(parseDate('29/02/2028')).toEqual({ value: '2028-02-29' });
    expect(parseDate('31/02/2026')).toEqual({ error: '“31/02/2026” is not a real date' });
    expect(parseDate('yesterday')).toEqual({ error: '“yesterday” is not a date' });
    expect(parseDate('-')).toEqual({ value: null });
  });

  it('reads outcomes as codes and words', () => {
    expect(parseOutcome('3')).toEqual({ value: 'requires_improvement' });
    expect(parseOutcome('Not Met (with actions)')).toEqual({ value: 'not_met_actions' });
    expect(parseOutcome('Inadequate 1')).toEqual({ value: 'inadequate' });
    expect(parseOutcome('7')).toEqual({ error: '“7” is not an inspection outcome' });
    expect(text(' REDACTED ')).toBeNull();
    expect(text('  Little   Acorns ')).toBe('Little Acorns');
    expect(parseProviderType('Childminder Agency')).toEqual({ value: 'Childminder agency' });
    expect(parseProviderType('CMR')).toEqual({ value: 'Childminder' });
    expect(parseStatus('RESG')).toEqual({ value: 'Resigned' });
    expect(parseStatus('ACTIVE - SUSPENDED')).toEqual({ value: 'Active - Suspended' });
  });

  it('reads report-card grades, yes/no, places, URNs and local authority names', () => {
    expect(parseReportCardGrade(' Strong  standard')).toEqual({ value: 'strong_standard' });
    expect(parseReportCardGrade('Good')).toEqual({ error: '“Good” is not a report card grade' });
    expect(parseYesNo('Not met')).toEqual({ value: false });
    expect(parseYesNo('Maybe')).toEqual({ error: '“Maybe” is not yes or no' });
    expect(parseNumber('1,200')).toEqual({ value: 1200 });
    expect(parseNumber('twelve')).toEqual({ error: '“twelve” is not a number' });
    expect(parseUrn(' ey485159 ')).toEqual({ value: 'EY485159' });
    expect(parseUrn('EY-1')).toEqual({ error: '“EY-1” is not an Ofsted URN' });
    expect(localAuthorityKey('Bath & North East  Somerset')).toBe(localAuthorityKey('bath and north east somerset'));
  });
});

describe('SpecialConsiderations in the LA extract', () => {
  // data README: "ANON (anonymity requested), MOD (military base) and WREF (women's refuge) … mean the address must never be shown"
  it('names why an address is withheld, and ignores other codes', () => {
    expect(addressWithheld('WREF')).toBe('women’s refuge');
    expect(addressWithheld('anon, MOD')).toBe('anonymity requested, military base');
    expect(addressWithheld('XYZ')).toBe('');
    expect(addressWithheld(undefined)).toBe('');
  });
});
