import type { WorkingCalendar } from '../../platform/calendar.js';
import { addDays, addMonths } from '../../platform/dates.js';
import type { Service } from './labels.js';

/*
 * The inclusion rules as pure functions (each has a test quoting the seed it comes from).
 */

export interface PanelDate {
  id: string;
  meetsOn: string;
  cutoffOn: string;
}

/**
 * "Children who require further support need to be referred to the Early Years panel" (Leicestershire
 * seed): a referral complete by a panel's cut-off goes to that panel, the next one to meet; a late one
 * to the first panel whose cut-off it still makes. Null: no panel is scheduled that it can reach yet.
 * Dates are London dates; "by the cut-off" includes the cut-off day.
 */
export function panelFor(completedOn: string, panels: readonly PanelDate[]): PanelDate | null {
  const reachable = panels.filter((p) => p.meetsOn > completedOn && p.cutoffOn >= completedOn);
  reachable.sort((a, b) => a.meetsOn.localeCompare(b.meetsOn));
  return reachable[0] ?? null;
}

/** Whether the referral went to the first panel after it was completed or missed a cut-off. */
export function missedCutoff(completedOn: string, panel: PanelDate, panels: readonly PanelDate[]): boolean {
  return panels.some((p) => p.meetsOn > completedOn && p.meetsOn < panel.meetsOn);
}

/**
 * "Portage practitioners work with 0-2.5year-old children with additional needs" and "Inclusion
 * Practitioners work with children at risk of exclusion … with Social Emotional and Mental Health
 * needs" (Leicestershire seed). A message naming the problem, or null when the allocation fits.
 */
export function allocationProblem(service: Service, child: { dateOfBirth: string; areasOfNeed: readonly string[] }, onDate: string): string | null {
  if (service === 'portage' && addMonths(child.dateOfBirth, 30) < onDate) return 'Portage works with children from birth to 2½ years: this child is older. Choose another service';
  if (service === 'inclusion_practitioner' && !child.areasOfNeed.includes('semh')) return 'Inclusion Practitioners support children with social, emotional and mental health needs: record that area of need on the referral first, or choose another service';
  return null;
}

/** The financial year a date falls in (1 April to 31 March), e.g. '2026-27'. */
export function financialYear(date: string): string {
  const year = Number(date.slice(0, 4));
  const start = date.slice(5) >= '04-01' ? year : year - 1;
  return `${start}-${String((start + 1) % 100).padStart(2, '0')}`;
}

/** Whole years of age on a date. */
export function ageOn(dateOfBirth: string, onDate: string): number {
  const years = Number(onDate.slice(0, 4)) - Number(dateOfBirth.slice(0, 4));
  return onDate.slice(5) >= dateOfBirth.slice(5) ? years : years - 1;
}

export interface DafClaim {
  childId: string;
  urn: string;
  claimedOn: string;
  dlaEvidence: string;
}

export type DafDecision = { paid: true; financialYear: string } | { paid: false; financialYear: string; reason: string };

/**
 * The Disability Access Fund: families with Disability Living Allowance "can access the Disability
 * Access Fund (DAF) when they are three and four" (Leicestershire seed). One payment per eligible
 * child per financial year, to one nominated setting, not transferable: a second claim in the same
 * year is refused with the reason, whichever setting makes it.
 */
export function dafDecision(claim: DafClaim, child: { dateOfBirth: string }, paidClaims: readonly { childId: string; urn: string; financialYear: string; settingName: string }[]): DafDecision {
  const year = financialYear(claim.claimedOn);
  if (!claim.dlaEvidence.trim()) return { paid: false, financialYear: year, reason: 'No evidence of Disability Living Allowance was recorded: DAF is for children who receive it' };
  const age = ageOn(child.dateOfBirth, claim.claimedOn);
  if (age < 3 || age > 4) return { paid: false, financialYear: year, reason: `DAF is for children aged three and four: this child is ${age}` };
  const earlier = paidClaims.find((p) => p.childId === claim.childId && p.financialYear === year);
  if (earlier) return { paid: false, financialYear: year, reason: `DAF has already been paid for this child in ${year}, to ${earlier.settingName}: one payment per child per financial year, to one setting, not transferable` };
  return { paid: true, financialYear: year };
}

export interface Term {
  name: string;
  startsOn: string;
  endsOn: string;
}

/** The term a date falls in; in a holiday, the term just ended (its contacts are still the ones that count). */
export function termFor(date: string, terms: readonly Term[]): Term | null {
  const sorted = [...terms].sort((a, b) => a.startsOn.localeCompare(b.startsOn));
  return sorted.find((t) => t.startsOn <= date && date <= t.endsOn) ?? sorted.filter((t) => t.startsOn <= date).pop() ?? null;
}

/**
 * "The Early Years Improvement Advisor is also your allocated Area SENCo. Area SENCO makes contact
 * throughout the year" (Leicestershire seed): each setting with an Area SENCo needs at least
 * `perTerm` recorded contacts in the term (an LA setting, 1 unless set). The settings short of it,
 * with how many contacts they have had, in the order given.
 */
export function settingsNotContacted<S extends { urn: string }>(settings: readonly S[], contacts: readonly { urn: string; contactedOn: string }[], term: Term, perTerm: number): (S & { contacts: number })[] {
  const counts = new Map<string, number>();
  for (const c of contacts) if (c.contactedOn >= term.startsOn && c.contactedOn <= term.endsOn) counts.set(c.urn, (counts.get(c.urn) ?? 0) + 1);
  return settings.map((s) => ({ ...s, contacts: counts.get(s.urn) ?? 0 })).filter((s) => s.contacts < perTerm);
}

/**
 * "We have now moved the SEND drop-ins to online every 3 weeks" (Leicestershire seed): the dates of a
 * series from its first date, every `everyWeeks` weeks until `until`; a date that is not a working
 * day (a bank holiday) is skipped, and the series carries on from it.
 */
export function dropinDates(startsOn: string, until: string, everyWeeks: number, calendar: WorkingCalendar): string[] {
  const dates: string[] = [];
  for (let d = startsOn; d <= until; d = addDays(d, everyWeeks * 7)) if (calendar.isWorkingDay(d)) dates.push(d);
  return dates;
}

/** Slot start times ('HH:MM') from `first`, each `minutes` long, `count` of them. */
export function slotTimes(first: string, minutes: number, count: number): string[] {
  const [h, m] = first.split(':').map(Number) as [number, number];
  return Array.from({ length: count }, (_, i) => {
    const t = h * 60 + m + i * minutes;
    return `${String(Math.floor(t / 60)).padStart(2, '0')}:${String(t % 60).padStart(2, '0')}`;
  });
}

/**
 * "To get the most out of the virtual appointment we ask that you complete the paperwork beforehand"
 * (Leicestershire seed): a booked slot without paperwork is flagged to the host from two working days
 * before it (and reminded then).
 */
export function paperworkMissing(slot: { onDate: string; booked: boolean; hasPaperwork: boolean }, today: string, calendar: WorkingCalendar): boolean {
  if (!slot.booked || slot.hasPaperwork || slot.onDate < today) return false;
  let from = slot.onDate;
  for (let n = 0; n < 2; ) {
    from = addDays(from, -1);
    if (calendar.isWorkingDay(from)) n++;
  }
  return today >= from;
}
