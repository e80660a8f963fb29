import type { Kysely } from 'kysely';
import type { DB } from '../../src/db/types.js';

/*
 * A small local authority's year of work, made from a seeded random sequence, for the report
 * figures' tests: the tests count each figure from these arrays in JavaScript and compare with
 * what the SQL says.
 */

export interface FixtureProvider { urn: string; type: string; registers: string[]; status: string }
export interface FixtureInspection { urn: string; kind: string; date: string; overall: string | null; reportCard: Record<string, string> | null; safeguarding: boolean | null }
export interface FixturePathway { id: string; urn: string; kind: string; startedAt: Date; closedAt: Date | null; adviserId: string | null }
export interface FixtureTask { urn: string; pathwayId: string; step: string; dueDate: string; dueAt: Date; doneAt: Date | null; ownerId: string | null }
export interface FixtureVisit { id: string; urn: string; plannedDate: string; status: 'planned' | 'done' | 'cancelled' | 'withdrawn'; doneOn: string | null; cancelledBy: 'setting' | 'la' | null; cancelledOn: string | null; noteSentAt: Date | null }

export interface ReportFixture {
  providers: FixtureProvider[];
  inspections: FixtureInspection[];
  pathways: FixturePathway[];
  tasks: FixtureTask[];
  visits: FixtureVisit[];
  advisers: { id: string; name: string }[];
}

function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const day = (iso: string, n: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const uuid = (n: number, kind: number) => `00000000-0000-4000-8${kind}00-${String(n).padStart(12, '0')}`;

/** Makes the fixture for `laCode` (URNs prefixed so two authorities' fixtures never collide) and inserts it. */
export async function seedReportFixture(db: Kysely<DB>, laCode: string, seed: number, advisers: { id: string; name: string }[]): Promise<ReportFixture> {
  const rnd = random(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const types = ['Childminder', 'Childcare on non-domestic premises', 'Childcare on domestic premises', 'Home childcarer'];
  const outcomes = ['outstanding', 'good', 'good', 'good', 'requires_improvement', 'inadequate', 'met', 'not_met_actions'];
  const f: ReportFixture = { providers: [], inspections: [], pathways: [], tasks: [], visits: [], advisers };
  for (let i = 0; i < 90; i++) {
    const type = pick(types);
    const registers = type === 'Home childcarer' ? ['VCR'] : rnd() < 0.5 ? ['EYR'] : ['EYR', 'CCR', 'VCR'];
    const urn = `R${laCode}${String(i).padStart(4, '0')}`;
    f.providers.push({ urn, type, registers, status: rnd() < 0.92 ? 'Active' : 'Resigned' });
    let date = day('2022-01-01', Math.floor(rnd() * 400));
    const count = Math.floor(rnd() * 4);
    for (let k = 0; k < count; k++) {
      const reportCard = date >= '2025-11-10' && rnd() < 0.7;
      f.inspections.push({
        urn, kind: rnd() < 0.85 ? 'full' : 'ncor', date, overall: reportCard ? null : pick(outcomes),
        reportCard: reportCard ? { inclusion: pick(['strong_standard', 'expected_standard', 'needs_attention']), achievement: pick(['expected_standard', 'exceptional']) } : null,
        safeguarding: reportCard ? rnd() < 0.9 : null,
      });
      date = day(date, 120 + Math.floor(rnd() * 500));
    }
  }
  let n = seed * 1000;
  for (const p of f.providers.filter((_, i) => i % 3 === 0)) {
    const id = uuid(++n, 1);
    const startedAt = new Date(Date.parse('2024-06-01T09:00:00Z') + Math.floor(rnd() * 800) * 86_400_000);
    const closedAt = rnd() < 0.3 ? new Date(startedAt.getTime() + Math.floor(rnd() * 300) * 86_400_000) : null;
    const adviserId = rnd() < 0.8 ? pick(advisers).id : null;
    f.pathways.push({ id, urn: p.urn, kind: pick(['requires_improvement', 'inadequate', 'new_registration']), startedAt, closedAt, adviserId });
    for (const step of ['allocate', 'first_contact', 'business_review']) {
      const dueDate = day(startedAt.toISOString().slice(0, 10), 3 + Math.floor(rnd() * 10));
      const dueAt = new Date(`${dueDate}T23:59:59Z`);
      const r = rnd();
      const doneAt = r < 0.5 ? new Date(dueAt.getTime() - 86_400_000) : r < 0.75 ? new Date(dueAt.getTime() + 3 * 86_400_000) : null;
      f.tasks.push({ urn: p.urn, pathwayId: id, step, dueDate, dueAt, doneAt, ownerId: step === 'allocate' ? null : adviserId });
    }
  }
  for (let i = 0; i < 160; i++) {
    const p = pick(f.providers);
    const plannedDate = day('2026-06-01', Math.floor(rnd() * 200));
    const status = pick(['planned', 'done', 'done', 'cancelled', 'withdrawn'] as const);
    const doneOn = status === 'done' ? day(plannedDate, Math.floor(rnd() * 3)) : null;
    const cancelledBy = status === 'cancelled' ? pick(['setting', 'la'] as const) : null;
    const noteSentAt = doneOn && rnd() < 0.7 ? new Date(`${day(doneOn, Math.floor(rnd() * 25))}T14:00:00Z`) : null;
    f.visits.push({ id: uuid(++n, 2), urn: p.urn, plannedDate, status, doneOn, cancelledBy, cancelledOn: cancelledBy ? day(plannedDate, -2) : null, noteSentAt });
  }

  await db.insertInto('providers').values(f.providers.map((p) => ({ urn: p.urn, la_code: laCode, name: `Setting ${p.urn}`, provider_type: p.type, provider_subtype: null, status: p.status, status_date: null, registration_date: '2015-01-01', registers: p.registers, register_combination: null, rp_urn: null, rp_name: null, address_line1: null, address_line2: null, address_line3: null, town: null, postcode: null, ward: null, constituency: null, places: null, places_estimate: null, telephone: null, source_date: null }))).execute();
  if (f.inspections.length) await db.insertInto('inspections').values(f.inspections.map((i) => ({ la_code: laCode, urn: i.urn, kind: i.kind, inspection_date: i.date, inspection_number: null, inspection_type: null, framework: i.reportCard ? 'report_card' : 'eif', overall: i.overall, key_judgements: null, report_card: i.reportCard ? JSON.stringify(i.reportCard) : null, safeguarding_effective: i.safeguarding, import_id: null, entered_by: null }))).execute();
  const template = await db.insertInto('pathway_templates').values({ la_code: laCode, kind: 'requires_improvement', version: 1, definition: JSON.stringify({}) }).returning('id').executeTakeFirstOrThrow();
  await db.insertInto('pathways').values(f.pathways.map((p) => ({ id: p.id, la_code: laCode, urn: p.urn, kind: p.kind, template_id: template.id, status: p.closedAt ? 'closed' as const : 'active' as const, started_at: p.startedAt, start_reason: 'fixture', change_id: null, started_by: null, adviser_id: p.adviserId, officer_id: null, cadence: null, allocated_at: null, paused_reason: null, closed_at: p.closedAt, close_outcome: null }))).execute();
  await db.insertInto('tasks').values(f.tasks.map((t) => ({ la_code: laCode, urn: t.urn, pathway_id: t.pathwayId, rule_key: `step:${t.step}`, title: t.step, owner_role: 'adviser' as const, owner_user_id: t.ownerId, created_at: new Date('2024-01-01T00:00:00Z'), due_date: t.dueDate, due_at: t.dueAt, done_at: t.doneAt, done_by: null, done_note: null, cancelled_at: null }))).execute();
  await db.insertInto('visits').values(f.visits.map((v) => ({ id: v.id, la_code: laCode, urn: v.urn, pathway_id: null, visit_type: 'support', number: null, focus: 'Support', adviser_id: null, planned_date: v.plannedDate, status: v.status, booked_for: null, done_on: v.doneOn, cancelled_by: v.cancelledBy, cancel_reason: null, cancelled_on: v.cancelledOn, created_at: new Date('2026-01-01T00:00:00Z') }))).execute();
  const notes = f.visits.filter((v) => v.noteSentAt);
  if (notes.length) await db.insertInto('notes_of_visit').values(notes.map((v) => ({ la_code: laCode, urn: v.urn, visit_id: v.id, pathway_id: null, status: 'sent' as const, working_well: '[]', worried_about: '[]', needs_to_happen: '[]', scaling: null, scaling_question: null, actions: '[]', author_id: advisers[0]!.id, submitted_at: null, qa_by: null, qa_comments: null, qa_at: null, sent_at: v.noteSentAt, sent_to: null, created_at: v.noteSentAt!, updated_at: v.noteSentAt!, updated_by: null }))).execute();
  return f;
}
