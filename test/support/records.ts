import { TenantDb } from '../../src/db/tenant.js';
import { addItems } from '../../src/modules/action-plans/repository.js';
import { saveNote } from '../../src/modules/notes/service.js';
import { enqueue } from '../../src/modules/outbox/repository.js';
import { allocate, ensureTermDates, startManually } from '../../src/modules/pathways/service.js';
import { startAudit } from '../../src/modules/audits/service.js';
import { currentAuditTemplates } from '../../src/modules/audits/templates.js';
import { listTeams } from '../../src/modules/organisation/index.js';
import type { TestApp } from './app.js';

export interface SupportRecords {
  /** a record for each route parameter name */
  byParam: Record<string, string>;
  /** `:id` (and `:fileId`) mean a different kind of record under each path prefix */
  byPrefix: Record<string, string>;
}

/**
 * One provider's support work, for the access matrices: a pathway allocated to an adviser (tasks and
 * planned visits), a note of visit, an action with evidence, a document, a contact change request,
 * an e-mail and a term. Each route parameter can then be pointed at a record that is not the user's.
 */
export async function seedSupportRecords(t: TestApp, la: { code: string; name: string }, admin: { id: string; email: string; name: string }, adviserId: string, urn: string): Promise<SupportRecords> {
  const ctx = { user: { id: admin.id, email: admin.email, name: admin.name, role: 'admin' as const, laCode: la.code, laName: la.name, mustChangePassword: false }, tenant: new TenantDb(t.database.db, { laCode: la.code, userId: admin.id, role: 'admin' }), clock: t.clock, ip: null };
  const db = t.database.db;
  const pathwayId = await startManually(ctx, urn, 'requires_improvement', 'Test');
  await allocate(ctx, pathwayId, { adviserId, officerId: null, cadence: 'monthly', managementActions: false });
  const visit = await db.selectFrom('visits').select('id').where('pathway_id', '=', pathwayId).executeTakeFirstOrThrow();
  const task = await db.selectFrom('tasks').select('id').where('pathway_id', '=', pathwayId).where('done_at', 'is', null).executeTakeFirstOrThrow();
  const template = await db.selectFrom('pathway_templates').select('id').where('la_code', '=', la.code).executeTakeFirstOrThrow();
  const [term] = await ctx.tenant.transaction((tx) => ensureTermDates(tx));
  const outboxId = await enqueue(ctx.tenant, { to: [`${urn}@example.org`], subject: `${la.name} only`, text: 'x', html: 'x' }, t.clock.now());
  const noteId = await saveNote(ctx, { visitId: visit.id }, { attendees: 'B', purpose: 'B', reviewPrevious: '', workingWell: ['B'], worriedAbout: ['B'], needsToHappen: ['B'], scaling: null, scalingQuestion: null, recommendations: '', actions: [] }, true);
  await addItems(ctx.tenant, [{ urn, pathwayId, noteId, source: 'note_of_visit', area: 'business', action: `Action for ${urn}`, dueDate: null }], t.clock.now());
  const itemId = (await db.selectFrom('action_plan_items').select('id').where('urn', '=', urn).executeTakeFirstOrThrow()).id;
  const file = { la_code: la.code, urn, file_name: 'private.pdf', content_type: 'application/pdf', size_bytes: 9, sha256: 'x', uploaded_by: admin.id, created_at: t.clock.now() };
  const evidence = await db.insertInto('evidence_files').values({ ...file, item_id: itemId, storage_key: `evidence-${urn}-${Date.now()}` }).returning('id').executeTakeFirstOrThrow();
  const document = await db.insertInto('setting_documents').values({ ...file, kind: 'self_evaluation', version: 1, storage_key: `document-${urn}-${Date.now()}` }).returning('id').executeTakeFirstOrThrow();
  const request = await db.insertInto('contact_change_requests').values({ la_code: la.code, urn, requested_by: admin.id, requested_at: t.clock.now(), changes: JSON.stringify({ contact_name: { from: null, to: 'Secret Name' } }) }).returning('id').executeTakeFirstOrThrow();
  // an audit, completed and shared with the setting (so only the setting itself and its LA may read it)
  const sstew = (await currentAuditTemplates(ctx.tenant)).find((x) => x.key === 'sstew')!;
  const auditId = await startAudit(ctx, { urn, templateId: sstew.id, visitId: visit.id, kind: 'staff' });
  await db.updateTable('audits').set({ status: 'completed', completed_at: t.clock.now(), shared_at: t.clock.now() }).where('id', '=', auditId).execute();
  // a funding decision waiting for a manager, and a FEEE audit with one funded child
  const decision = await db.insertInto('funding_decisions').values({ la_code: la.code, urn, kind: 'change', status: 'proposed', proposed: JSON.stringify({ ff2: { status: 'not_eligible', reason: 'Secret Name' } }), trigger: 'test', proposed_at: t.clock.now() }).returning('id').executeTakeFirstOrThrow();
  const feee = await db.insertInto('feee_audits').values({ la_code: la.code, urn, audit_type: 'document_check', term: 'Autumn 2026', reason: 'sample', auditor_id: adviserId, created_at: t.clock.now() }).returning('id').executeTakeFirstOrThrow();
  const child = await db.insertInto('feee_children').values({ la_code: la.code, audit_id: feee.id, row_number: 2, child_ref: 'SECRET1', date_of_birth: '2022-01-01', entitlement: 'ff2', funded_hours: 15, sampled: true }).returning('id').executeTakeFirstOrThrow();
  // a child known to the inclusion team, attending this setting, with a referral (and its attachment) to a panel
  const inclusionChild = await db.insertInto('inclusion_children').values({ la_code: la.code, first_name: 'Secret Name', last_name: 'SECRET1', date_of_birth: '2023-05-10', parent_email: `${urn}@example.org`, practitioner_id: adviserId, created_at: t.clock.now() }).returning('id').executeTakeFirstOrThrow();
  await db.insertInto('inclusion_child_settings').values({ la_code: la.code, child_id: inclusionChild.id, urn, started_on: '2026-09-01' }).execute();
  const panel = await db.insertInto('inclusion_panels').values({ la_code: la.code, meets_on: '2027-01-15', cutoff_on: '2027-01-01' }).onConflict((oc) => oc.doNothing()).returning('id').executeTakeFirst()
    ?? await db.selectFrom('inclusion_panels').select('id').where('la_code', '=', la.code).executeTakeFirstOrThrow();
  const referral = await db.insertInto('inclusion_referrals').values({ la_code: la.code, child_id: inclusionChild.id, urn, status: 'submitted', needs: 'Secret Name', submitted_at: t.clock.now(), panel_id: panel.id, created_at: t.clock.now(), updated_at: t.clock.now() }).returning('id').executeTakeFirstOrThrow();
  const inclusionFile = await db.insertInto('inclusion_files').values({ la_code: la.code, file_name: 'private.pdf', content_type: 'application/pdf', size_bytes: 9, sha256: 'x', uploaded_by: admin.id, created_at: t.clock.now(), referral_id: referral.id, storage_key: `inclusion-${urn}-${Date.now()}` }).returning('id').executeTakeFirstOrThrow();
  const fund = await db.insertInto('inclusion_fund_applications').values({ la_code: la.code, child_id: inclusionChild.id, urn, term: 'Autumn 2026', hours_per_week: 5, support_needed: 'Secret Name', evidence: 'x', created_at: t.clock.now() }).returning('id').executeTakeFirstOrThrow();
  const series = await db.insertInto('inclusion_dropin_series').values({ la_code: la.code, title: 'SEND drop-in', starts_on: '2026-12-04', until_on: '2026-12-04', every_weeks: 3, meeting_link: 'https://meet.example/b', host_id: adviserId, created_at: t.clock.now() }).returning('id').executeTakeFirstOrThrow();
  const slot = await db.insertInto('inclusion_dropin_slots').values({ la_code: la.code, series_id: series.id, on_date: '2026-12-04', starts_at: '09:30', minutes: 30, urn, booked_at: t.clock.now(), paperwork: 'Secret Name' }).returning('id').executeTakeFirstOrThrow();
  // a strategy recommendation under one of the LA's headings
  const heading = await db.insertInto('strategy_headings').values({ la_code: la.code, name: `${la.name} heading`, position: 0, created_at: t.clock.now() }).returning('id').executeTakeFirstOrThrow();
  const recommendation = await db.insertInto('strategy_recommendations').values({ la_code: la.code, heading_id: heading.id, title: `${la.name} only`, duties: ['outcomes'], rag: 'red', created_at: t.clock.now(), updated_at: t.clock.now() }).returning('id').executeTakeFirstOrThrow();
  const prospective = await db.insertInto('prospective_providers').values({ la_code: la.code, name: `${la.name} only`, contact_name: 'Secret Name', planned_provision: 'childminder', area: 'B', stage: 'applied', enquiry_date: '2026-09-01', created_at: t.clock.now(), updated_at: t.clock.now() }).returning('id').executeTakeFirstOrThrow();
  const sustainability = await db.insertInto('sustainability_cases').values({ la_code: la.code, urn, concern: 'Secret Name', raised_on: '2026-09-01', created_at: t.clock.now(), updated_at: t.clock.now() }).returning('id').executeTakeFirstOrThrow();
  // a course and session in the LA's training catalogue, with a place booked by the setting
  const course = await db.insertInto('event_courses').values({ la_code: la.code, title: `${la.name} course`, funding: 'chargeable', price_pence: 4500, created_at: t.clock.now() }).returning('id').executeTakeFirstOrThrow();
  const trainingSession = await db.insertInto('event_sessions').values({ la_code: la.code, course_id: course.id, starts_at: new Date('2027-01-25T09:30:00Z'), ends_at: new Date('2027-01-25T15:00:00Z'), capacity: 10, booking_deadline: '2027-01-18', created_at: t.clock.now() }).returning('id').executeTakeFirstOrThrow();
  const place = await db.insertInto('event_bookings').values({ la_code: la.code, session_id: trainingSession.id, urn, attendee_name: 'Secret Name', attendee_email: `${urn}@example.org`, status: 'booked', requested_at: t.clock.now(), attendance: 'attended' }).returning('id').executeTakeFirstOrThrow();
  const update = await db.insertInto('bulletins').values({ la_code: la.code, title: `${la.name} update`, body: 'Secret Name', audience: '{}', status: 'sent', sent_at: t.clock.now(), created_at: t.clock.now() }).returning('id').executeTakeFirstOrThrow();
  const calendarDay = await db.insertInto('calendar_days').values({ la_code: la.code, day: '2031-06-02', change: 'add', reason: `${la.name} only`, created_by: admin.id, created_at: t.clock.now() }).returning('id').executeTakeFirstOrThrow();
  // the LA's teams and job titles (the organisation module)
  const [team] = await listTeams(ctx.tenant);
  const complaint = await db.insertInto('complaints').values({ la_code: la.code, kind: 'complaint', source: 'staff', urn, officer_id: null, from_name: 'Secret Name', summary: 'Secret Name', received_at: t.clock.now(), recorded_by: admin.id, handler_id: null, escalated_at: null, acknowledged_at: null, outcome: null, answered_at: null, passed_on_at: null, created_at: t.clock.now() }).returning('id').executeTakeFirstOrThrow();
  return {
    byParam: { urn, fileId: evidence.id, kind: 'self_evaluation', key: 'sstew', n: '1', item: 'item_1', childId: child.id },
    byPrefix: {
      '/portal/:urn/notes/': noteId, '/portal/:urn/visits/': visit.id, '/portal/:urn/actions/': itemId, '/portal/:urn/documents/file/': document.id, '/documents/': document.id,
      '/notes/': noteId, '/action-plan-items/': itemId, '/outbox/': outboxId, '/term-dates/': term!.id, '/pathways/': pathwayId, '/visits/': visit.id, '/tasks/': task.id,
      '/pathway-templates/': template.id, '/contact-requests/': request.id, '/portal/:urn/audits/': auditId, '/audits/': auditId, '/audit-templates/': sstew.id,
      '/funding/decisions/': decision.id, '/feee-audits/': feee.id,
      '/inclusion/children/': inclusionChild.id, '/inclusion/referrals/': referral.id, '/inclusion/panels/': panel.id, '/inclusion/files/': inclusionFile.id, '/portal/:urn/inclusion/referrals/': referral.id, '/inclusion/fund/': fund.id,
      '/inclusion/drop-ins/slots/': slot.id, '/portal/:urn/inclusion/drop-ins/': slot.id,
      '/strategy/recommendations/': recommendation.id, '/strategy/headings/': heading.id, '/prospective/': prospective.id, '/sustainability/': sustainability.id,
      '/training/courses/': course.id, '/training/sessions/': trainingSession.id, '/training/bookings/': place.id, '/portal/:urn/training/bookings/': place.id,
      // a session is in the whole LA's catalogue (any setting of the LA may book it), so the portal's
      // booking page is pointed at a record that is never a session: the setting's booking
      '/portal/:urn/training/sessions/': place.id,
      // likewise every sent provider update is in the whole LA's archive
      '/updates/': update.id, '/portal/:urn/updates/': place.id,
      '/bank-holidays/': calendarDay.id,
      '/organisation/teams/': team!.id, '/organisation/job-titles/': team!.jobTitles[0]!.id, '/organisation/staff/': adviserId, '/teams/': team!.id,
      '/complaints/': complaint.id,
    },
  };
}

/** The record to put in place of `:param` in a route's URL. */
export function recordFor(records: SupportRecords, url: string, param: string): string | undefined {
  const byPrefix = param === 'id' || param === 'fileId' ? Object.entries(records.byPrefix).find(([prefix]) => url.startsWith(prefix))?.[1] : undefined;
  return byPrefix ?? records.byParam[param];
}
