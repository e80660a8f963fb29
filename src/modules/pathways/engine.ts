import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { deadlineAfter, englandCalendar } from '../../platform/calendar.js';
import { outcomeLabel, type ChangeSelection } from '../providers/index.js';
import type { PathwayKind } from './definition.js';
import { engagementTasks } from './engagement.js';
import { londonDate } from '../../platform/dates.js';
import { decide, isNewlyRegistered, type ActivePathway, type ChangeFacts } from './rules.js';
import { asSet, currentTemplates } from './templates.js';
import { PathwayWrites, saveWrites } from './writes.js';

/*
 * The pathway engine consumes Ofsted change records (imported or entered by staff) in the
 * transaction that created them: it starts, switches and closes pathways and creates the rule
 * tasks. Baseline changes (an LA's first import) describe the past and start nothing. Each
 * change is seen once, and at most one pathway of a kind runs per provider, so a re-import
 * never duplicates anything.
 */


interface ChangeRow {
  id: string;
  la_code: string;
  urn: string;
  change_type: string;
  to_value: string | null;
  framework: string | null;
  details: unknown;
  detected_at: Date;
  /** for a registration: its date (event_date), whether the provider has been inspected, the LA's window */
  event_date: string | null;
  inspected: boolean;
  new_registration_months: number;
  rp_urn: string | null;
  good_sibling: boolean;
}

async function loadChanges(db: Kysely<DB>, selection: ChangeSelection): Promise<ChangeRow[]> {
  const where = 'importId' in selection
    ? sql`c.import_id = ${selection.importId}::uuid`
    : selection.changeIds.length
      ? sql`c.la_code = ${selection.laCode} and c.id in (${sql.join(selection.changeIds.map((id) => sql`${id}::uuid`))})`
      : sql`false`;
  const result = await sql<ChangeRow>`
    select c.id, c.la_code, c.urn, c.change_type, c.to_value, c.framework, c.details, c.detected_at, p.rp_urn,
      c.event_date::text as event_date, l.new_registration_months,
      (c.change_type = 'new_registration' and exists (select 1 from inspections i where i.urn = c.urn and i.kind <> 'registration')) as inspected,
      (c.change_type = 'new_registration' and p.rp_urn is not null and exists (
        select 1 from providers o
        join lateral (select i.overall from inspections i where i.urn = o.urn and i.kind = 'full'
                      order by i.inspection_date desc limit 1) last on true
        where o.rp_urn = p.rp_urn and o.urn <> p.urn and last.overall in ('good', 'outstanding'))) as good_sibling
    from ofsted_changes c join providers p on p.urn = c.urn join local_authorities l on l.la_code = c.la_code
    where ${where} and not c.baseline
      and c.change_type in ('new_inspection_outcome', 'new_registration', 'status_change', 'enforcement')
    order by c.urn, c.event_date nulls first, c.detected_at, c.id`.execute(db);
  return result.rows;
}

function factsOf(change: ChangeRow, today: string): ChangeFacts | null {
  const details = (change.details ?? {}) as Record<string, unknown>;
  switch (change.change_type) {
    case 'new_registration':
      return {
        type: 'registration',
        reRegistrationOfGoodSetting: change.good_sibling,
        newlyRegistered: isNewlyRegistered(change.event_date, change.inspected, today, change.new_registration_months),
      };
    case 'status_change':
      return { type: 'status', status: change.to_value };
    case 'new_inspection_outcome': {
      const reportCard = (details.report_card ?? null) as Record<string, string> | null;
      const overall = change.to_value === 'report card' ? null : change.to_value;
      const safeguardingEffective = typeof details.safeguarding_effective === 'boolean' ? details.safeguarding_effective : null;
      const requirements = [details.ccr_requirements, details.vcr_requirements].map((r) => (typeof r === 'string' ? r : null));
      const notMet = (['CCR', 'VCR'] as const).flatMap((register, i) => (requirements[i]?.startsWith('not_met') ? [`${register} requirements ${outcomeLabel(requirements[i])}`] : []));
      const label = [reportCard && Object.keys(reportCard).length ? 'report card' : outcomeLabel(overall), ...notMet].join('; ');
      return { type: 'outcome', outcome: { overall, reportCard, safeguardingEffective, requirements }, label };
    }
    default:
      return null;
  }
}

export interface EngineResult {
  started: number;
  closed: number;
  tasks: number;
}

/** Runs the rules over the selected changes and saves what they decide, in the caller's transaction. */
export async function runPathwayEngine(db: Kysely<DB>, selection: ChangeSelection, now: Date): Promise<EngineResult> {
  const changes = await loadChanges(db, selection);
  if (changes.length === 0) return { started: 0, closed: 0, tasks: 0 };
  const laCodes = [...new Set(changes.map((c) => c.la_code))];
  const urns = [...new Set(changes.map((c) => c.urn))];
  const templates = await currentTemplates(db, laCodes);
  const running = new Map<string, (ActivePathway & { adviserId: string | null })[]>();
  for (let i = 0; i < urns.length; i += 1000) {
    const rows = await db
      .selectFrom('pathways')
      .select(['id', 'urn', 'kind', 'adviser_id'])
      .where('urn', 'in', urns.slice(i, i + 1000))
      .where('status', '<>', 'closed')
      .execute();
    for (const r of rows) running.set(r.urn, [...(running.get(r.urn) ?? []), { id: r.id, kind: r.kind as PathwayKind, adviserId: r.adviser_id }]);
  }

  const writes = new PathwayWrites();
  const calendar = englandCalendar();
  const today = londonDate(now);
  for (const change of changes) {
    const active = running.get(change.urn) ?? [];
    const laTemplates = templates.get(change.la_code);
    const ended = { cancellation: 'Cancelled', resignation: 'Resigned' }[change.to_value ?? ''];
    if (change.change_type === 'enforcement' && !ended) {
      if (change.to_value !== 'welfare_requirements_notice') continue;
      const support = active.find((p) => p.kind !== 'good_or_better');
      for (const t of engagementTasks({ type: 'welfare_requirements_notice' }, now, calendar)) {
        const ownerUser = t.owner === 'adviser' ? (support?.adviserId ?? null) : null;
        writes.tasks.push(writes.taskRow(change.la_code, change.urn, support?.id ?? null, `rule:${t.ruleKey}`, t.title, t.owner, ownerUser, now, t.deadline));
        // "a member of Early Years & Childcare Service will contact you to arrange a support visit": planned by the task's deadline
        writes.visits.push({ la_code: change.la_code, urn: change.urn, pathway_id: support?.id ?? null, visit_type: 'support', number: null, focus: 'Support visit to review and evaluate any necessary actions (Welfare Requirement Notice)', with_sia: false, adviser_id: ownerUser, planned_date: t.deadline.dueDate, status: 'planned', created_at: now });
      }
      continue;
    }
    const facts: ChangeFacts | null = ended ? { type: 'status', status: ended } : factsOf(change, today);
    if (!facts) continue;
    let next = [...active];
    for (const d of decide(facts, active, asSet(laTemplates))) {
      if (d.type === 'note') {
        writes.event(change.la_code, d.pathwayId, now, 'outcome', d.text);
      } else if (d.type === 'close') {
        writes.close({ id: d.pathwayId, laCode: change.la_code, outcome: d.outcome, at: now, byUser: null });
        next = next.filter((p) => p.id !== d.pathwayId);
        if (d.exitStep) {
          writes.tasks.push(writes.taskRow(change.la_code, change.urn, d.pathwayId, 'step:exit', d.exitStep, 'manager', null, now, deadlineAfter(now, 5, calendar)));
        }
      } else {
        const template = laTemplates?.get(d.kind);
        if (!template) continue;
        const id = writes.start({ laCode: change.la_code, urn: change.urn, kind: d.kind, template, at: now, reason: d.reason, changeId: change.id, lastInspection: facts.type === 'outcome' ? change.event_date : null });
        next.push({ id, kind: d.kind, adviserId: null });
      }
    }
    running.set(change.urn, next);
  }
  await saveWrites(db, writes);
  return { started: writes.pathways.length, closed: writes.closings.length, tasks: writes.tasks.length };
}
