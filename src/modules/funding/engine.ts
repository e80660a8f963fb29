import { randomUUID } from 'node:crypto';
import type { Insertable, Kysely } from 'kysely';
import type { DB, FundingDecisionsTable, TasksTable } from '../../db/types.js';
import { calendarFor, deadlineAfter } from '../../platform/calendar.js';
import { addDays, londonDate } from '../../platform/dates.js';
import { changeSummary, changeTypeLabels, type ChangeSelection } from '../providers/index.js';
import { saveTasks, taskRow } from '../tasks/index.js';
import { ensureEligibility } from './eligibility.js';
import { decisionsFor, factsFor, rulesForMany } from './repository.js';
import { defaultRules, differs, eligibility, type Eligibility } from './rules.js';

export interface FundingTrigger {
  laCode: string;
  urn: string;
  /** when it happened (an inspection's date, today for a pathway decision) */
  eventDate: string;
  /** in words, for the decision page and the letter */
  trigger: string;
}

/**
 * A change may alter a provider's funding: when the rules now say something other than what is in
 * force, a proposed decision is made for a manager to confirm or override, with a task in the SIA
 * queue. Until then what is in force stays; a provider never decided before gets its starting
 * point recorded (the rules applied to the facts of the day before the change).
 */
export async function proposeFunding(db: Kysely<DB>, triggers: FundingTrigger[], now: Date): Promise<number> {
  if (!triggers.length) return 0;
  const today = londonDate(now);
  const urns = [...new Set(triggers.map((t) => t.urn))];
  // one pass across every LA the changes touch: a national file names thousands of providers
  const [rulesByLa, facts, decisions] = await Promise.all([rulesForMany(db, [...new Set(triggers.map((t) => t.laCode))]), factsFor(db, null, urns), decisionsFor(db, null, urns)]);
  const byUrn = new Map<string, FundingTrigger[]>();
  for (const t of triggers) byUrn.set(t.urn, [...(byUrn.get(t.urn) ?? []), t]);
  const tasks: Insertable<TasksTable>[] = [];
  const stale: string[] = [];
  const rows: Insertable<FundingDecisionsTable>[] = [];
  for (const urn of urns) {
    const f = facts.get(urn);
    if (!f) continue;
    const laCode = f.laCode;
    const rules = rulesByLa.get(laCode) ?? defaultRules(laCode);
    const mine = byUrn.get(urn) ?? [];
    const earliest = mine.map((t) => t.eventDate).sort()[0]!;
    const history = decisions.get(urn) ?? [];
    const decided = history.filter((d) => (d.status === 'confirmed' || d.status === 'overridden') && d.decided).at(-1);
    const before: Eligibility = decided ? (decided.decided as Eligibility) : eligibility(f, rules, addDays(earliest, -1), urn);
    const after = eligibility(f, rules, today, urn);
    const pending = history.filter((d) => d.status === 'proposed');
    const same = pending.find((p) => !differs(p.proposed as Eligibility, after));
    stale.push(...pending.filter((p) => p !== same).map((p) => p.id));
    if (!differs(before, after) || same) continue;
    if (!decided) {
      rows.push({
        id: randomUUID(), la_code: laCode, urn, kind: 'baseline', status: 'confirmed', proposed: JSON.stringify(before), decided: JSON.stringify(before), trigger: 'Funding before EY Hub recorded a decision',
        proposed_at: now, effective_from: f.registrationDate ?? '2000-01-01', decided_at: now, decision_reason: 'The rules applied to the facts as they were before this change',
      });
    }
    const id = randomUUID();
    rows.push({ id, la_code: laCode, urn, kind: 'change', status: 'proposed', proposed: JSON.stringify(after), trigger: mine.map((t) => t.trigger).join('; '), proposed_at: now });
    tasks.push(taskRow(laCode, urn, null, `rule:funding:${id}`, 'Confirm funding decision', 'manager', null, now, deadlineAfter(now, 5, calendarFor(laCode))));
  }
  // set-based: a national file can bring thousands of changes inside the import's transaction
  for (let i = 0; i < stale.length; i += 1000) await db.updateTable('funding_decisions').set({ status: 'superseded' }).where('id', 'in', stale.slice(i, i + 1000)).execute();
  for (let i = 0; i < rows.length; i += 500) await db.insertInto('funding_decisions').values(rows.slice(i, i + 500)).execute();
  await saveTasks(db, tasks);
  return tasks.length;
}

const fundingChanges = ['new_inspection_outcome', 'enforcement', 'status_change'] as const;

/** Runs on an import's (or staff entry's) changes, in the caller's transaction. */
export async function runFundingEngine(db: Kysely<DB>, selection: ChangeSelection, now: Date): Promise<number> {
  let q = db.selectFrom('ofsted_changes').select(['id', 'la_code', 'urn', 'change_type', 'event_date', 'detected_at', 'framework', 'from_value', 'to_value', 'details']).where('baseline', '=', false).where('change_type', 'in', [...fundingChanges]);
  q = 'importId' in selection ? q.where('import_id', '=', selection.importId) : selection.changeIds.length ? q.where('id', 'in', selection.changeIds) : q.where('id', 'is', null);
  const changes = await q.execute();
  const proposed = await proposeFunding(db, changes.map((c) => ({ laCode: c.la_code, urn: c.urn, eventDate: c.event_date ?? londonDate(c.detected_at), trigger: `${changeTypeLabels[c.change_type] ?? c.change_type}: ${changeSummary(c)}` })), now);
  // the import (or staff entry) pays for the eligibility it changed, not the next reader (ADR 0020);
  // an LA never computed yet is computed whole when first read
  for (const laCode of [...new Set(changes.map((c) => c.la_code))].sort()) await ensureEligibility(db, laCode, now, { onlyIfComputed: true });
  return proposed;
}

/** "Continued disengagement with this process … will result in withdrawal of funding": support declined or not engaging proposes a new decision. */
export async function onPathwayClosed(db: Kysely<DB>, e: { laCode: string; urn: string; outcome: string; supportDeclined: boolean; disengaged: boolean }, now: Date): Promise<void> {
  if (!e.supportDeclined && !e.disengaged) return;
  await proposeFunding(db, [{ laCode: e.laCode, urn: e.urn, eventDate: londonDate(now), trigger: `${e.supportDeclined ? 'Support declined' : 'The setting did not engage'}: ${e.outcome}` }], now);
}

/** "If insufficient improvement is made SIA triggers process for withdrawal of funding." */
export async function onInsufficientImprovement(db: Kysely<DB>, e: { laCode: string; urn: string; details: string }, now: Date): Promise<void> {
  await proposeFunding(db, [{ laCode: e.laCode, urn: e.urn, eventDate: londonDate(now), trigger: `Insufficient improvement recorded by the SIA: ${e.details}` }], now);
}
