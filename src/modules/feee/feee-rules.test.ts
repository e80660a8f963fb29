import { describe, expect, it } from 'vitest';
import { findingsFor, pounds, type ChildCheck } from './checks.js';
import { childRows, dateOf, entitlementOf, guessMapping, missingFields, readCsv } from './children-csv.js';
import { sampleIndices } from './sample.js';

const ok: ChildCheck = { psouPresent: 'yes', psouSigned: 'yes', psouHours: 15, proof: 'birth_certificate', proofDob: '2022-02-01', codeChecked: 'yes', amountPence: null, notes: '' };
const child = { childRef: 'C001', dateOfBirth: '2022-02-01', entitlement: 'ff2', fundedHours: 15 };

describe('the funded children CSV', () => {
  it('maps renamed columns by name and reads UK dates and entitlement wordings', () => {
    const { headers, rows } = readCsv('\uFEFFChild Ref,DOB,Funding type,Hours claimed,Start\nA1,01/02/2022,FF2,15,05/09/2024\n"B,2",2021-03-04,Universal 15 hours,15,\n');
    const mapping = guessMapping(headers);
    expect(mapping).toEqual({ childRef: 0, dateOfBirth: 1, entitlement: 2, fundedHours: 3, startDate: 4 });
    expect(missingFields(mapping)).toEqual([]);
    const { children, errors } = childRows(rows, headers, mapping, '2026-11-23');
    expect(errors).toEqual([]);
    expect(children).toEqual([
      { rowNumber: 2, childRef: 'A1', dateOfBirth: '2022-02-01', entitlement: 'ff2', fundedHours: 15, startDate: '2024-09-05' },
      { rowNumber: 3, childRef: 'B,2', dateOfBirth: '2021-03-04', entitlement: 'universal', fundedHours: 15, startDate: null },
    ]);
    expect(['30 hours', 'Extended', 'Working parent 9 months+', 'FF2', '3-4 universal'].map(entitlementOf)).toEqual(['extended', 'extended', 'under_threes', 'ff2', 'universal']);
    expect(dateOf('31/02/2022')).toBeNull();
  });

  it('names the row and column of every bad value', () => {
    const { headers, rows } = readCsv('Child reference,Date of birth,Entitlement type,Funded hours\nA1,31/02/2022,FF2,15\nA1,01/01/2022,Nursery,99\n,01/01/2022,FF2,15\n');
    const { children, errors } = childRows(rows, headers, guessMapping(headers), '2026-11-23');
    expect(children).toEqual([]);
    expect(errors).toEqual([
      'Row 2: “Date of birth” is not a date (use 31/08/2022): “31/02/2022”',
      'Row 3: “Entitlement type” is not an entitlement we know (FF2, universal 15 hours, extended 30 hours, under-threes): “Nursery”; “Funded hours” must be a number of hours from 0 to 60',
      'Row 4: “Child reference” is empty',
    ]);
    expect(missingFields(guessMapping(['Ref', 'Birthday', 'Kind', 'Hours']))).toEqual(['dateOfBirth', 'entitlement']);
  });

  it('counts rows by the file’s lines, and names a row of the wrong width instead of joining it to the next', () => {
    const read = readCsv('Child reference,Date of birth,Entitlement type,Funded hours\n\nA1,01/01/2022,FF2,15\nA2,01/01/2022\nA3,01/01/2022,FF2,15\n');
    expect(read.rows.map((r) => r.line)).toEqual([3, 4, 5]);
    expect(read.problem).toBe('Row 4 has 2 columns but the header has 4');
    expect(readCsv('Child reference,Date of birth\n"A1,01/01/2022\n').problem).toBe('The file could not be read: a quote opened on line 2 is not closed');
  });
});

describe('the sample', () => {
  it('is reproducible with the same seed, different with another, and never larger than the list', () => {
    expect(sampleIndices(40, 10, 42)).toEqual(sampleIndices(40, 10, 42));
    expect(sampleIndices(40, 10, 42)).not.toEqual(sampleIndices(40, 10, 43));
    expect(new Set(sampleIndices(40, 10, 42)).size).toBe(10);
    expect(sampleIndices(5, 10, 1)).toEqual([0, 1, 2, 3, 4]);
  });
});

describe('findings: "birth certificates … cross reference against the Parental Statement Of Understanding (PSOU)"', () => {
  it('a matching child has no findings', () => {
    expect(findingsFor(child, ok)).toEqual([]);
  });
  it('a date of birth that differs from the birth certificate is a finding, with the money due back', () => {
    expect(findingsFor(child, { ...ok, proofDob: '2022-03-01', amountPence: 45_000 })).toEqual([{ type: 'dob_mismatch', details: 'Child C001: date of birth claimed 1 February 2022; the birth certificate shows 1 March 2022', amountPence: 45_000 }]);
  });
  it('missing or unsigned PSOUs, hours that differ, no proof and unchecked codes are each findings', () => {
    expect(findingsFor(child, { ...ok, psouPresent: 'no', proof: 'none', codeChecked: 'no' }).map((f) => f.type)).toEqual(['psou_missing', 'no_proof', 'code_not_checked']);
    expect(findingsFor(child, { ...ok, psouSigned: 'no', psouHours: 10 }).map((f) => f.type)).toEqual(['psou_unsigned', 'hours_mismatch']);
    expect(findingsFor({ ...child, entitlement: 'universal' }, { ...ok, codeChecked: 'no' })).toEqual([]);
    expect(pounds(123450)).toBe('£1,234.50');
  });
});
