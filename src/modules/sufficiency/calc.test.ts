import { describe, expect, it } from 'vitest';
import { bandOfRegisters, normalisePostcode, placesByTypeAndRegister, placesPer100, sufficiencyByWard, underThreshold } from './calc.js';
import { parsePopulation, parseWardLookup } from './uploads.js';

const population = (ward: string, byAge: number[]) => byAge.map((children, age) => ({ ward, age, children }));

describe('sufficiency figures: "ensure sufficient childcare throughout the county" (Leicestershire\'s sufficiency team)', () => {
  it('places per 100 children, to one decimal place; no children, no rate', () => {
    expect(placesPer100(30, 120)).toBe(25);
    expect(placesPer100(1, 3)).toBe(33.3);
    expect(placesPer100(10, 0)).toBeNull();
  });

  it('a ward under the LA\'s threshold is flagged; a ward with no population figures is not', () => {
    expect(underThreshold(19.9, 20)).toBe(true);
    expect(underThreshold(20, 20)).toBe(false);
    expect(underThreshold(null, 20)).toBe(false);
  });

  it('early years places are those of settings on the Early Years Register; a Childcare Register only setting counts for school age', () => {
    expect(bandOfRegisters(['EYR', 'CCR', 'VCR'])).toBe('early_years');
    expect(bandOfRegisters(['CCR', 'VCR'])).toBe('school_age');
    expect(bandOfRegisters([])).toBeNull();
  });

  it('by ward and band: a ward with children and no settings has 0 places and is flagged; names match whatever their case', () => {
    const wards = sufficiencyByWard(
      [
        { ward: 'Bearsted', registers: ['EYR', 'CCR'], places: 40, providerType: 'Childcare on non-domestic premises' },
        { ward: 'bearsted ', registers: ['CCR'], places: 30, providerType: 'Childcare on non-domestic premises' },
        { ward: 'Bearsted', registers: ['EYR'], places: 6, providerType: 'Childminder' },
        { ward: null, registers: ['EYR'], places: 50, providerType: 'Childminder' },
      ],
      [...population('Bearsted', [20, 20, 20, 20, 20, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30]), ...population('Park Wood', [40, 40, 40, 40, 40])],
      20,
    );
    expect(wards.map((w) => w.ward)).toEqual(['Bearsted', 'Park Wood']);
    const [bearsted, parkWood] = wards;
    expect(bearsted!.bands.early_years).toEqual({ places: 46, children: 100, per100: 46, flagged: false });
    expect(bearsted!.bands.school_age).toEqual({ places: 30, children: 300, per100: 10, flagged: true });
    expect(bearsted!.settings).toBe(3);
    expect(parkWood!.bands.early_years).toEqual({ places: 0, children: 200, per100: 0, flagged: true });
    expect(parkWood!.flagged).toBe(true);
  });

  it('places by provider type and register', () => {
    expect(placesByTypeAndRegister([
      { ward: 'A', registers: ['EYR'], places: 6, providerType: 'Childminder' },
      { ward: 'A', registers: ['EYR', 'CCR'], places: 4, providerType: 'Childminder' },
      { ward: 'A', registers: ['CCR'], places: 30, providerType: 'Childcare on non-domestic premises' },
    ])).toEqual([
      { providerType: 'Childcare on non-domestic premises', register: 'Childcare Register only', settings: 1, places: 30 },
      { providerType: 'Childminder', register: 'Early Years Register', settings: 2, places: 10 },
    ]);
  });

  it('postcodes are read whatever their spacing and case', () => {
    expect(normalisePostcode(' me141xx ')).toBe('ME14 1XX');
    expect(normalisePostcode('SW1A2AA')).toBe('SW1A 2AA');
    expect(normalisePostcode('not a postcode')).toBeNull();
  });
});

describe('the LA\'s uploads', () => {
  it('population: columns matched by name, every bad row named with its column and value, a ward and age only once', () => {
    const bad = parsePopulation('Ward name,Age,Population\nBearsted,0,20\nBearsted,three,20\n,1,5\nPark Wood,2,-4\nBearsted,0,21\n');
    expect(bad).toEqual({ ok: false, errors: [
      'Row 3: “Age” is “three”: enter a whole number of years from 0 to 17',
      'Row 4: “Ward” is empty',
      'Row 5: “Children” is “-4”: enter a whole number of children',
      'Row 6: “Bearsted” aged 0 is already on row 2',
    ] });
    expect(parsePopulation('WD23NM,Age,Count\nBearsted,0,"1,020"\n')).toEqual({ ok: true, rows: [{ ward: 'Bearsted', age: 0, children: 1020 }] });
    expect(parsePopulation('Area,Age\nX,1\n')).toEqual({ ok: false, errors: ['The file needs a column called “Ward” and a column called “Children”; its columns are “Area”, “Age”'] });
  });

  it('ward lookup: ONS\'s headings are understood; a bad postcode is named', () => {
    expect(parseWardLookup('pcds,wd23cd,wd23nm\nME14 1XX,E05009541,Bearsted\nME15 9AA,E05009547,Park Wood\n')).toEqual({ ok: true, rows: [
      { postcode: 'ME14 1XX', ward: 'Bearsted', wardCode: 'E05009541' },
      { postcode: 'ME15 9AA', ward: 'Park Wood', wardCode: 'E05009547' },
    ] });
    expect(parseWardLookup('Postcode,Ward\nME14 1XX,Bearsted\nXX,Park Wood\nme141xx,Park Wood\n')).toEqual({ ok: false, errors: [
      'Row 3: “Postcode” is “XX”, which is not a postcode',
      'Row 4: postcode ME14 1XX is in “Park Wood” here but in “Bearsted” on row 2',
    ] });
  });
});
