import { keyJudgements, reportCardAreas, type ColumnMap, type Field } from './columns.js';
import { frameworkFor, type Rejection, type StagedInspection, type StagedProvider } from './records.js';
import { parseRegisterCombination, parseRegisterFlag, registersOf, type RegisterFlags } from './registers.js';
import type { RowWarning } from './types.js';
import {
  isEnforcementInadequate,
  isRedacted,
  localAuthorityKey,
  parseDate,
  parseNumber,
  parseOutcome,
  parseProviderType,
  parseReportCardGrade,
  parseRequirements,
  parseStatus,
  parseUrn,
  parseYesNo,
  text,
  type Outcome,
  type Parsed,
} from './values.js';

/*
 * One row of any Ofsted CSV (provider-level data of any year, childminders,
 * agencies) → the provider and its inspections, or the reasons it cannot be
 * used. Every cell is checked; a bad one rejects its row, naming the column.
 */

export type TypedRow =
  | { ok: true; provider: StagedProvider; inspections: StagedInspection[]; warnings: RowWarning[] }
  | { ok: false; rejections: Rejection[] };

/** Per-row values that need the row's URN and local authority before anything else. */
export type RowKey = { ok: true; urn: string; laCode: string } | { ok: false; rejection: Rejection };

/** Each register's own Y/N column. */
const registerFlags = [
  { code: 'EYR', flag: 'eyrFlag' },
  { code: 'CCR', flag: 'ccrFlag' },
  { code: 'VCR', flag: 'vcrFlag' },
] as const satisfies readonly { code: string; flag: Field }[];

/** A parser remembered by cell: a vocabulary has a handful of spellings, written 71,000 times. */
function remembered<T>(parse: (v: string | undefined) => Parsed<T>): (v: string | undefined) => Parsed<T> {
  const seen = new Map<string, Parsed<T>>();
  return (v) => {
    if (v === undefined) return parse(v);
    let parsed = seen.get(v);
    if (parsed === undefined) {
      parsed = parse(v);
      if (seen.size < 1000) seen.set(v, parsed);
    }
    return parsed;
  };
}

export class CsvRowReader {
  private readonly parseProviderType = remembered(parseProviderType);
  private readonly parseStatus = remembered(parseStatus);
  private readonly parseCombination = remembered(parseRegisterCombination);
  private readonly parseFlag = remembered(parseRegisterFlag);

  private readonly laByKey: ReadonlyMap<string, string>;
  /** local authority cells as written in this file → code: a national file spells ~150 names 71,000 times */
  private readonly laByCell = new Map<string, string>();

  constructor(
    private readonly map: ColumnMap,
    laByKey: ReadonlyMap<string, string>,
  ) {
    this.laByKey = laByKey;
  }

  private cell(cells: readonly string[], field: Field): string | undefined {
    const i = this.map.index[field];
    return i === undefined ? undefined : cells[i];
  }

  private name(field: Field, fallback = field as string): string {
    return this.map.names[field] ?? fallback;
  }

  /** The URN and the local authority: a row without them cannot be placed anywhere. */
  key(cells: readonly string[], rowNumber: number): RowKey {
    const urn = parseUrn(this.cell(cells, 'urn'));
    // a row without a usable URN is still its local authority's row (issue 16.7): that LA sees its rejection
    if ('error' in urn) return { ok: false, rejection: { rowNumber, column: this.name('urn'), reason: urn.error, urn: null, laCode: this.laOf(cells) ?? null } };
    const laCell = this.cell(cells, 'localAuthority') ?? '';
    let laCode = this.laByCell.get(laCell);
    const laName = text(laCell);
    if (laCode === undefined && laName !== null) {
      laCode = this.laByKey.get(localAuthorityKey(laName));
      if (laCode !== undefined) this.laByCell.set(laCell, laCode);
    }
    if (laCode === undefined) {
      const reason = laName === null ? 'Local authority is empty' : `“${laName}” is not an English local authority`;
      return { ok: false, rejection: { rowNumber, column: this.name('localAuthority', 'Local authority'), reason, urn: urn.value, laCode: null } };
    }
    return { ok: true, urn: urn.value, laCode };
  }

  /** The row's local authority, when its cell names one. */
  private laOf(cells: readonly string[]): string | undefined {
    const laCell = this.cell(cells, 'localAuthority') ?? '';
    const name = text(laCell);
    return this.laByCell.get(laCell) ?? (name === null ? undefined : this.laByKey.get(localAuthorityKey(name)));
  }

  // The row being read: set by read(), so the checks below need no closures (71,000 rows).
  private row = { cells: [] as readonly string[], number: 0, urn: '', laCode: '', rejections: [] as Rejection[] };

  private check<T>(field: Field, parse: (v: string | undefined) => Parsed<T | null>): T | null {
    const parsed = parse(this.cell(this.row.cells, field));
    if ('value' in parsed) return parsed.value;
    const { number, urn, laCode } = this.row;
    this.row.rejections.push({ rowNumber: number, column: this.name(field), reason: parsed.error, urn, laCode });
    return null;
  }

  private text(field: Field): string | null {
    return text(this.cell(this.row.cells, field));
  }

  private inspection(
    inspections: StagedInspection[],
    kind: StagedInspection['kind'],
    date: string | null,
    overall: Outcome | null,
    numberField: Field | null,
    framework: string,
  ): void {
    if (!date || !overall) return;
    for (const e of inspections) if (e.kind === kind && e.inspection_date === date) return;
    inspections.push({
      urn: this.row.urn,
      la_code: this.row.laCode,
      kind,
      inspection_date: date,
      inspection_number: numberField ? this.text(numberField) : null,
      inspection_type: null,
      framework,
      overall,
      enforcement: false,
      key_judgements: null,
      report_card: null,
      safeguarding_effective: null,
    });
  }

  private grades<T extends string>(areas: readonly { field: Field; key: string }[], parse: (v: string | undefined) => Parsed<T | null>): Record<string, T> | null {
    let out: Record<string, T> | null = null;
    for (const area of areas) {
      const v = this.check(area.field, parse);
      if (v !== null) (out ??= {})[area.key] = v;
    }
    return out;
  }

  /** "Individual Register combinations is “CCR only” but Provider Early Years Register Flag is “Y” …" */
  private contradiction(registers: readonly string[], contradicting: readonly string[]): RowWarning {
    const combination = this.name('registerCombination');
    const columns = [combination];
    const values = [text(this.cell(this.row.cells, 'registerCombination')) ?? ''];
    for (const r of registerFlags) {
      if (!contradicting.includes(r.code)) continue;
      columns.push(this.name(r.flag));
      values.push(text(this.cell(this.row.cells, r.flag)) ?? '');
    }
    const flags = columns.slice(1).map((c, i) => `${c} is “${values[i + 1]}”`);
    const said = flags.length > 1 ? `${flags.slice(0, -1).join(', ')} and ${flags.at(-1)}` : flags[0];
    const taken = registers.length ? registers.join(', ') : 'none';
    return {
      rowNumber: this.row.number,
      columns,
      values,
      message: `${combination} is “${values[0]}” but ${said}: the registers were taken from ${combination} (${taken})`,
      urn: this.row.urn,
      laCode: this.row.laCode,
    };
  }

  /** The whole row, for a row whose URN and local authority are known. */
  read(cells: readonly string[], rowNumber: number, urn: string, laCode: string): TypedRow {
    this.row = { cells, number: rowNumber, urn, laCode, rejections: [] };
    const registrationDate = this.check('registrationDate', parseDate);
    const places = this.check('places', parseNumber);
    const placesEstimate = this.check('placesEstimate', parseNumber);
    const fullDate = this.check('fullDate', parseDate);
    const fullOverall = this.check('fullOverall', parseOutcome);
    const judgements = this.grades(keyJudgements, parseOutcome);
    const safeguarding = this.check('safeguardingEffective', parseYesNo);
    const rcSafeguarding = this.check('rcSafeguarding', parseYesNo);
    const reportCard = this.grades(reportCardAreas, parseReportCardGrade);
    const secondDate = this.check('secondDate', parseDate);
    const secondOverall = this.check('secondOverall', parseOutcome);
    const thirdDate = this.check('thirdDate', parseDate);
    const thirdOverall = this.check('thirdOverall', parseOutcome);
    const ncorDate = this.check('ncorDate', parseDate);
    const ncorOverall = this.check('ncorOverall', parseOutcome);
    const crDate = this.check('crDate', parseDate);
    const crOverall = this.check('crOverall', parseOutcome);
    const agencyDate = this.check('agencyDate', parseDate);
    const agencyOutcome = this.check('agencyOutcome', parseOutcome);
    const ccrRequirements = this.check('ccrRequirements', parseRequirements);
    const vcrRequirements = this.check('vcrRequirements', parseRequirements);
    const providerType = this.check('providerType', this.parseProviderType);
    const status = this.check('status', this.parseStatus);
    const combination = this.check('registerCombination', this.parseCombination);
    const flags: RegisterFlags = {};
    for (const r of registerFlags) flags[r.code] = this.check(r.flag, this.parseFlag);
    if (this.row.rejections.length) return { ok: false, rejections: this.row.rejections };

    const inspections: StagedInspection[] = [];
    if (fullDate && (fullOverall || reportCard)) {
      inspections.push({
        urn,
        la_code: laCode,
        kind: 'full',
        inspection_date: fullDate,
        inspection_number: this.text('fullNumber'),
        inspection_type: null,
        framework: frameworkFor(fullDate, reportCard !== null),
        overall: fullOverall,
        enforcement: isEnforcementInadequate(this.cell(cells, 'fullOverall')),
        key_judgements: judgements,
        report_card: reportCard,
        safeguarding_effective: reportCard ? rcSafeguarding : safeguarding,
        ccr_requirements: ccrRequirements,
        vcr_requirements: vcrRequirements,
      });
    }
    if (secondDate) this.inspection(inspections, 'full', secondDate, secondOverall, 'secondNumber', frameworkFor(secondDate, false));
    if (thirdDate) this.inspection(inspections, 'full', thirdDate, thirdOverall, 'thirdNumber', frameworkFor(thirdDate, false));
    this.inspection(inspections, 'ncor', ncorDate, ncorOverall, 'ncorNumber', 'No children on roll');
    this.inspection(inspections, 'ccr', crDate, crOverall, 'crNumber', 'Childcare Register');
    this.inspection(inspections, 'agency', agencyDate, agencyOutcome, null, 'Childminder agency inspection');

    const registers = registersOf(combination, flags);
    const warnings = registers.contradicting.length ? [this.contradiction(registers.registers, registers.contradicting)] : [];
    const provider: StagedProvider = {
      urn,
      la_code: laCode,
      name: this.text('name'),
      provider_type: providerType,
      provider_subtype: this.text('providerSubtype'),
      status,
      status_date: null,
      registration_date: registrationDate,
      registers: registers.registers,
      register_combination: this.text('registerCombination'),
      rp_urn: this.text('rpUrn'),
      rp_name: this.text('rpName'),
      address_line1: this.text('address1'),
      address_line2: this.text('address2'),
      address_line3: this.text('address3'),
      town: this.text('town'),
      postcode: this.text('postcode'),
      ward: this.text('ward'),
      constituency: this.text('constituency'),
      places,
      places_estimate: placesEstimate,
      telephone: this.text('telephone'),
      redacted: isRedacted(this.cell(cells, 'name')) || isRedacted(this.cell(cells, 'address1')),
      address_withheld: null,
      region: this.text('region'),
      ofsted_region: this.text('ofstedRegion'),
      deprivation_band: this.text('deprivationBand'),
      secondary_provision_type: null,
      childcare_periods: null,
      childcare_ages: null,
      status_history: null,
    };
    return { ok: true, provider, inspections, warnings };
  }
}
