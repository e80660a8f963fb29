import { XMLParser } from 'fast-xml-parser';
import { providerStatusCodes, providerTypeCodes, registerCodes } from '../vocabulary/index.js';
import { FileRejectedError, frameworkFor, type ReadResult, type StagedInspection, type StagedNotice, type StagedProvider } from './records.js';
import { isEnforcementInadequate, isRedacted, parseDate, parseOutcome, parseProviderType, parseStatus, parseUrn, text } from './values.js';

/** Elements that are lists even when they hold one item. */
const LISTS = new Set([
  'Registration',
  'RegistrationStatusHistory',
  'ChildServicesRegister',
  'Inspection',
  'NoticeHistory',
  'ChildcarePeriod',
  'ChildcareAge',
]);

type Node = Record<string, unknown>;
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined);
const node = (v: unknown): Node => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Node) : {});
const list = (v: unknown): Node[] => (Array.isArray(v) ? v.map(node) : []);
const words = (v: unknown): string[] => (Array.isArray(v) ? v.map(str).filter((s): s is string => s !== undefined && s.trim() !== '') : []);

/** One age band the registration allows: [from, to) years, the most children of those ages, on which register. */
export interface ChildcareAge {
  from: number | null;
  to: number | null;
  max: number | null;
  register: string | null;
}

const numberOrNull = (v: unknown): number | null => {
  const s = str(v)?.trim();
  return s && /^\d+$/.test(s) ? Number(s) : null;
};

/** The childcare ages of a registration (ChildcareAgeList), in the file's order. */
export function childcareAges(reg: Node): ChildcareAge[] {
  return list(node(reg.ChildcareAgeList).ChildcareAge).map((a) => ({ from: numberOrNull(a.AgeFrom), to: numberOrNull(a.AgeTo), max: numberOrNull(a.MaximumNumber), register: text(str(a.Register)) }));
}

function kindOf(inspectionType: string, outcome: string | null): StagedInspection['kind'] {
  const t = inspectionType.toLowerCase();
  if (t.includes('childcare register')) return 'ccr';
  if (t === 'registration') return 'registration';
  if (outcome === 'met' || outcome === 'not_met_actions' || outcome === 'not_met_enforcement') return 'ncor';
  return 'full';
}

/** SpecialConsiderations codes that mean the address must not be shown, and what staff are told. */
const withheldReasons: Record<string, string> = { ANON: 'anonymity requested', MOD: 'military base', WREF: 'women’s refuge' };

/** Why the setting's address is withheld ('' when it is not), from a SpecialConsiderations value such as "WREF" or "ANON, MOD". */
export function addressWithheld(specialConsiderations: string | null | undefined): string {
  const codes = (specialConsiderations ?? '').toUpperCase().split(/[^A-Z]+/);
  return [...new Set(codes.map((code) => withheldReasons[code]).filter((reason) => reason !== undefined))].join(', ');
}

/** Ofsted's "OfstedChildcareRegisterLocalAuthorityExtract" (2021 and 2024 shapes): one local authority's register. */
export function readXml(content: string, encoding: string, knownLa: (code: string) => boolean): ReadResult {
  const parser = new XMLParser({
    ignoreAttributes: true,
    removeNSPrefix: true,
    parseTagValue: false,
    trimValues: true,
    isArray: (name) => LISTS.has(name),
  });
  let doc: Node;
  try {
    doc = node(parser.parse(content, true));
  } catch (error) {
    throw new FileRejectedError(`The file is not well-formed XML: ${(error as Error).message.split('\n')[0]}`);
  }
  const root = node(doc.OfstedChildcareRegisterLocalAuthorityExtract);
  if (Object.keys(root).length === 0) {
    throw new FileRejectedError('The XML file is not an Ofsted local authority extract (no OfstedChildcareRegisterLocalAuthorityExtract element).');
  }
  const extract = node(root.Extract);
  const laCode = (str(node(extract.LocalAuthority).LocalAuthorityCode) ?? '').trim();
  const extractDate = parseDate(str(extract.ExtractDateTime));
  const result: ReadResult = {
    format: 'ofsted-la-xml',
    encoding,
    asAt: 'value' in extractDate ? extractDate.value : null,
    rowCount: 0,
    providers: [],
    inspections: [],
    notices: [],
    rejections: [],
    skipped: 0,
    unusedColumns: [],
  };
  if (!knownLa(laCode)) throw new FileRejectedError(`The extract is for local authority “${laCode}”, which is not an English local authority code.`);

  const firstRow = new Map<string, number>();
  list(root.Registration).forEach((reg, i) => {
    const rowNumber = i + 1;
    result.rowCount++;
    const urnParsed = parseUrn(str(reg.ReferenceNumber));
    if (!('value' in urnParsed)) {
      result.rejections.push({ rowNumber, column: 'ReferenceNumber', reason: urnParsed.error, urn: null, laCode });
      return;
    }
    const urn = urnParsed.value;
    const provisionType = str(reg.ProvisionType) ?? '';
    if (provisionType === 'RPP') {
      result.skipped++; // a registered person, not a setting
      return;
    }
    const first = firstRow.get(urn);
    if (first !== undefined) {
      result.rejections.push({ rowNumber, column: 'ReferenceNumber', reason: `URN ${urn} appears more than once in the file (first in registration ${first})`, urn, laCode });
      return;
    }
    firstRow.set(urn, rowNumber);
    const provider = node(reg.Provider);
    const setting = node(reg.Setting);
    const address = node(Object.keys(node(setting.SettingAddress)).length ? setting.SettingAddress : provider.ProviderAddress);
    const contact = node(Object.keys(node(setting.SettingContact)).length ? setting.SettingContact : provider.ProviderContact);
    // a code outside Ofsted's vocabulary rejects the registration, naming it: never stored as it comes
    const type = parseProviderType(provisionType);
    const status = parseStatus(str(reg.RegistrationStatus));
    const history = list(node(reg.RegistrationStatusHistoryList).RegistrationStatusHistory);
    const current = history.filter((h) => str(h.RegistrationStatus) === str(reg.RegistrationStatus)).map((h) => str(h.ChangeDate) ?? '').sort().pop();
    const registers = list(node(reg.ChildServicesRegisterList).ChildServicesRegister)
      .filter((r) => str(r.Status) === 'REGD' && !str(r.EndDate))
      .map((r) => (str(r.Register) ?? '').trim())
      .filter((r) => r !== '');
    const unknownRegister = registers.find((r) => !(registerCodes as readonly string[]).includes(r));
    const reject = (column: string, reason: string) => void result.rejections.push({ rowNumber, column, reason, urn, laCode });
    if ('error' in type) return reject('ProvisionType', `“${provisionType.trim()}” is not an Ofsted provision type (${Object.keys(providerTypeCodes).join(', ')}, or RPP for a registered person)`);
    if ('error' in status) return reject('RegistrationStatus', `“${str(reg.RegistrationStatus)?.trim()}” is not a registration status (${Object.keys(providerStatusCodes).join(', ')})`);
    if (unknownRegister !== undefined) return reject('Register', `“${unknownRegister}” is not an Ofsted register (${registerCodes.join(', ')})`);
    // the registration's status history (suspensions included), oldest first; an unknown code rejects it as the current status does
    const statusHistory: { status: string; date: string }[] = [];
    for (const h of history) {
      const code = str(h.RegistrationStatus)?.trim() ?? '';
      const was = parseStatus(code);
      const when = parseDate(str(h.ChangeDate));
      if ('error' in was) return reject('RegistrationStatusHistory', `“${code}” is not a registration status (${Object.keys(providerStatusCodes).join(', ')})`);
      if ('error' in when) return reject('ChangeDate', when.error);
      if (was.value && when.value) statusHistory.push({ status: was.value, date: when.value });
    }
    statusHistory.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
    const secondaryCode = text(str(reg.SecondaryProvisionType));
    const secondary = parseProviderType(secondaryCode);
    if ('error' in secondary) return reject('SecondaryProvisionType', `“${secondaryCode}” is not an Ofsted provision type (${Object.keys(providerTypeCodes).join(', ')})`);
    const periods = words(node(reg.ChildcarePeriodList).ChildcarePeriod).map((c) => c.trim().toUpperCase()).filter((c) => /^[A-Z0-9]{1,10}$/.test(c));
    const ages = childcareAges(reg);
    const dates = [str(reg.RegistrationDate), current].map((d) => parseDate(d));
    const bad = dates.find((d) => 'error' in d);
    if (bad && 'error' in bad) {
      result.rejections.push({ rowNumber, column: 'RegistrationDate', reason: bad.error, urn, laCode });
      return;
    }
    const name = str(setting.SettingName) ?? str(provider.ProviderName);
    // an address Ofsted says must not be shown is not kept at all
    const withheld = addressWithheld(str(reg.SpecialConsiderations));
    const kept = (value: string | undefined) => (withheld ? null : text(value));
    const staged: StagedProvider = {
      urn,
      la_code: laCode,
      name: text(name),
      provider_type: type.value,
      provider_subtype: null,
      status: status.value,
      status_date: current && 'value' in dates[1]! ? dates[1].value : null,
      registration_date: 'value' in dates[0]! ? dates[0].value : null,
      registers: registerCodes.filter((r) => registers.includes(r)),
      register_combination: null,
      rp_urn: text(str(reg.RPReferenceNumber)),
      rp_name: text(str(provider.ProviderName)),
      address_line1: kept(str(address.AddressLine1)),
      address_line2: kept(str(address.AddressLine2)),
      address_line3: kept(str(address.AddressLine3)),
      town: kept(str(address.Town)),
      postcode: kept(str(address.Postcode)),
      ward: null,
      constituency: null,
      places: null,
      places_estimate: null,
      telephone: kept(str(contact.TelephoneNumber)),
      redacted: isRedacted(str(address.AddressLine1)) || isRedacted(name),
      address_withheld: withheld,
      region: null,
      ofsted_region: null,
      deprivation_band: null,
      secondary_provision_type: secondary.value,
      childcare_periods: periods.length ? periods : null,
      childcare_ages: ages.length ? (ages as unknown as StagedProvider['childcare_ages']) : null,
      status_history: statusHistory.length ? (statusHistory as unknown as StagedProvider['status_history']) : null,
    };
    const inspections: StagedInspection[] = [];
    for (const insp of list(node(reg.InspectionList).Inspection)) {
      const date = parseDate(str(insp.InspectionDate));
      const outcome = parseOutcome(str(insp.InspectionOverallJudgement));
      if ('error' in date || 'error' in outcome) {
        const reason = 'error' in date ? date.error : 'error' in outcome ? outcome.error : '';
        result.rejections.push({ rowNumber, column: 'error' in date ? 'InspectionDate' : 'InspectionOverallJudgement', reason, urn, laCode });
        return;
      }
      if (!date.value) continue;
      const type = str(insp.InspectionType) ?? '';
      const kind = kindOf(type, outcome.value);
      inspections.push({
        urn,
        la_code: laCode,
        kind,
        inspection_date: date.value,
        inspection_number: null,
        inspection_type: type || null,
        framework: kind === 'full' ? frameworkFor(date.value, false) : kind === 'ccr' ? 'Childcare Register' : kind === 'ncor' ? 'No children on roll' : 'Registration',
        overall: outcome.value,
        enforcement: isEnforcementInadequate(str(insp.InspectionOverallJudgement)),
        key_judgements: null,
        report_card: null,
        safeguarding_effective: null,
      });
    }
    const notices: StagedNotice[] = [];
    for (const n of list(node(reg.NoticeHistoryList).NoticeHistory)) {
      const type = str(n.Type) ?? '';
      const when = parseDate(str(n.NODDate) ?? str(n.NOIDate) ?? str(n.Date));
      if (!('value' in when) || !when.value) continue;
      const eventType = type === 'NOI' ? 'notice_of_intention' : type === 'NOD' ? 'notice_of_decision' : type.toLowerCase() || 'notice';
      notices.push({ urn, la_code: laCode, event_type: eventType, event_date: when.value, details: text(str(n.SubType)) });
    }
    result.providers.push(staged);
    result.inspections.push(...inspections);
    result.notices.push(...notices);
  });
  return result;
}
