import { addDays } from '../../platform/dates.js';
import { deadlineAfter, type Deadline, type WorkingCalendar } from '../../platform/calendar.js';
import { easterSunday } from '../../platform/calendar-rules.js';
import type { OwnerRole } from './definition.js';

/*
 * Engagement rules (Kent improvement strategy, section 4; Leicestershire support offer;
 * Kent "Welfare Requirement Notices"). Pure functions; see engagement.test.ts.
 */

export interface Term {
  name: string;
  startsOn: string;
  endsOn: string;
}

/** Easter Sunday: one algorithm, kept with the bank-holiday rules. */
export { easterSunday };


/**
 * Default terms until an LA enters its own: autumn (September to December), spring (January to
 * Easter Sunday) and summer (Easter Monday to August), so every day falls in exactly one term.
 */
export function defaultTerms(firstAutumnYear: number, years: number): Term[] {
  const terms: Term[] = [];
  for (let y = firstAutumnYear; y < firstAutumnYear + years; y++) {
    const easter = easterSunday(y + 1);
    terms.push(
      { name: `Autumn term ${y}`, startsOn: `${y}-09-01`, endsOn: `${y}-12-31` },
      { name: `Spring term ${y + 1}`, startsOn: `${y + 1}-01-01`, endsOn: easter },
      { name: `Summer term ${y + 1}`, startsOn: addDays(easter, 1), endsOn: `${y + 1}-08-31` },
    );
  }
  return terms;
}

export function termOf(date: string, terms: readonly Term[]): Term | null {
  return terms.find((t) => t.startsOn <= date && date <= t.endsOn) ?? null;
}

/**
 * "Where a setting makes two cancellations within a term the Senior Improvement Adviser will contact
 * the setting": the term in which the setting's latest cancellation brings its count to two or more, else null.
 */
export function termWithTwoCancellations(cancelledBySetting: readonly string[], latest: string, terms: readonly Term[]): Term | null {
  const term = termOf(latest, terms);
  if (!term) return null;
  const inTerm = cancelledBySetting.filter((d) => term.startsOn <= d && d <= term.endsOn).length;
  return inTerm >= 2 ? term : null;
}

export interface RuleTask {
  ruleKey: string;
  title: string;
  owner: OwnerRole;
  deadline: Deadline;
}

export type EngagementEvent =
  | { type: 'two_cancellations'; term: Term }
  | { type: 'support_declined' }
  | { type: 'not_engaging' }
  | { type: 'welfare_requirements_notice' }
  | { type: 'safety_concern' };

/** The tasks an engagement event creates, with their working-day deadlines from when it was recorded. */
export function engagementTasks(event: EngagementEvent, at: Date, calendar: WorkingCalendar): RuleTask[] {
  const due = (days: number) => deadlineAfter(at, days, calendar);
  switch (event.type) {
    case 'two_cancellations':
      return [{ ruleKey: 'contact_after_cancellations', title: `Contact the setting to establish and discuss any difficulties that are preventing engagement (two cancellations in the ${event.term.name})`, owner: 'manager', deadline: due(5) }];
    case 'support_declined':
      return [{ ruleKey: 'inform_ofsted_declined', title: 'Inform Ofsted that support was declined', owner: 'manager', deadline: due(5) }];
    case 'not_engaging':
      return [{ ruleKey: 'inform_ofsted_not_engaging', title: 'Inform Ofsted that the setting did not engage with support', owner: 'manager', deadline: due(5) }];
    case 'welfare_requirements_notice':
      // the notice came from Ofsted: nothing to share back with them
      return [{ ruleKey: 'wrn_support_visit', title: 'Contact the setting to arrange a support visit to review and evaluate the actions needed (Welfare Requirements Notice)', owner: 'adviser', deadline: due(5) }];
    case 'safety_concern':
      return [
        { ruleKey: 'concern_support_visit', title: 'Arrange a support visit about the concern for children’s safety', owner: 'adviser', deadline: due(5) },
        { ruleKey: 'share_concern_ofsted', title: 'Share the concern about children’s safety with Ofsted', owner: 'manager', deadline: due(0) },
      ];
  }
}
