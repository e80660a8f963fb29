import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestUser, startTestApp, type TestApp } from '../../../test/support/app.js';
import { TestClient } from '../../../test/support/client.js';
import { testDatabases } from '../../../test/support/databases.js';
import { kentFile } from '../../../test/support/ofsted-files.js';
import { runImport } from '../ofsted-import/index.js';
import type { AuditTemplate } from './definition.js';
import { shippedTemplates } from './templates.js';

const KENT = '886';

/** Form bodies answering every item of a section: the best point, "yes", or some text. */
function bestAnswers(template: AuditTemplate, section: number, override: Record<string, string> = {}): Record<string, string> {
  const body: Record<string, string> = {};
  for (const item of template.sections[section]!.items) {
    if (item.response === 'rating') body[item.key] = template.scales.find((s) => s.key === item.scale)!.points.at(-1)!.value;
    else if (item.response === 'yes_no') body[item.key] = 'yes';
    else body[item.key] = 'Seen and discussed';
  }
  return { ...body, ...override };
}

describe.each(testDatabases())('audits on $name', (testDb) => {
  let t: TestApp;
  let adviser: TestClient;
  let setting: TestClient;
  let viewer: TestClient;
  let urn: string;
  let otherUrn: string;

  /** Starts an audit, answers every section (with overrides), completes it; returns its address. */
  async function doAudit(client: TestClient, start: string, templateKey: string, override: Record<string, string> = {}) {
    const page = await client.get(start);
    const id = new RegExp(`value="([0-9a-f-]{36})"[^>]*>\\s*<label[^>]*>\\s*${shippedTemplates().find((x) => x.key === templateKey)!.name.replace(/[()]/g, '.')}`).exec(page.body)?.[1];
    expect(id, `${templateKey} is offered at ${start}`).toBeTruthy();
    const started = await client.post(start, { templateId: id! });
    expect(started.status).toBe(303);
    const base = started.location!.replace(/\/sections\/1$/, '');
    const template = shippedTemplates().find((x) => x.key === templateKey)!;
    for (let s = 0; s < template.sections.length; s++) {
      const res = await client.post(`${base}/sections/${s + 1}`, bestAnswers(template, s, override));
      expect(res.status, `section ${s + 1}`).toBe(303);
    }
    expect((await client.post(`${base}/complete`, {})).location).toBe(base);
    return base;
  }

  beforeAll(async () => {
    t = await startTestApp(testDb);
    await runImport(t.database.db, t.clock, { bytes: Buffer.from(kentFile()), fileName: 'kent.csv', laCode: KENT, startedBy: null, asAt: '2021-08-31' });
    const a = await createTestUser(t.database, KENT, 'adviser', { name: 'Ada Adviser' });
    const p = await createTestUser(t.database, KENT, 'provider');
    const v = await createTestUser(t.database, KENT, 'viewer');
    urn = (await t.database.db.selectFrom('providers').select('urn').where('name', '=', 'Greenview Nursery').executeTakeFirstOrThrow()).urn;
    otherUrn = (await t.database.db.selectFrom('providers').select('urn').where('name', '=', 'Young Risers Preschool').executeTakeFirstOrThrow()).urn;
    await t.database.db.insertInto('provider_users').values({ la_code: KENT, user_id: p.id, urn, created_at: t.clock.now() }).execute();
    adviser = new TestClient(t.app);
    await adviser.signIn(a.email);
    setting = new TestClient(t.app);
    await setting.signIn(p.email);
    viewer = new TestClient(t.app);
    await viewer.signIn(v.email);
  });
  afterAll(() => t.close());

  it('staff complete each staff template end to end; every section scores 100% when all is best', async () => {
    for (const key of ['sawr', 'two_year_old', 'sstew', 'grade_descriptors', 'oos_partnership']) {
      const base = await doAudit(adviser, `/providers/${urn}/audits`, key);
      const summary = await adviser.get(base);
      expect(summary.body, key).toContain('Overall: <strong>100%');
      expect(summary.body).toContain('role="img"');
      expect((await adviser.get(`${base}/pdf`)).body.startsWith('%PDF-')).toBe(true);
    }
  });

  it('an SSTEW audit with two "minimal" items creates two action-plan items', async () => {
    const base = await doAudit(adviser, `/providers/${urn}/audits`, 'sstew', { item_5: '3', 'item_5-comment': 'Few open questions', item_12: '3' });
    const summary = await adviser.get(base);
    expect(summary.body).toContain('Answered low');
    expect(summary.body).toContain('(mean 6.4)');
    await adviser.post(`${base}/actions`, { items: ['item_5', 'item_12'], dueWeeks: '4' });
    const items = await t.database.db.selectFrom('action_plan_items').select(['action', 'source', 'due_date', 'area']).where('urn', '=', urn).where('source', '=', 'audit').orderBy('action').execute();
    expect(items).toEqual([
      { action: 'SSTEW audit (Sustained Shared Thinking and Emotional Well-being): Item 12. Supporting children\'s concept development and higher-order thinking', source: 'audit', due_date: '2026-12-21', area: 'learning_development' },
      { action: 'SSTEW audit (Sustained Shared Thinking and Emotional Well-being): Item 5. Encouraging children to talk with others (Few open questions)', source: 'audit', due_date: '2026-12-21', area: 'learning_development' },
    ]);
    await adviser.post(`${base}/actions`, { items: ['item_5'], dueWeeks: '4' });
    expect(await t.database.db.selectFrom('action_plan_items').select('id').where('urn', '=', urn).where('source', '=', 'audit').execute()).toHaveLength(2);
    // over time: SSTEW at one visit and at a later one
    const trend = await adviser.get(`/providers/${urn}/audits/trend/sstew`);
    expect(trend.body).toContain('over time');
    expect(trend.body).toContain('<th scope="row" class="govuk-table__header">Supporting and extending language and communication</th><td class="govuk-table__cell">100%</td><td class="govuk-table__cell">83%</td>');
  });

  it('answers are checked, drafts autosave, and an audit with unanswered questions cannot be completed', async () => {
    const page = await adviser.get(`/providers/${urn}/audits`);
    const id = /value="([0-9a-f-]{36})"[^>]*>\s*<label[^>]*>\s*SSTEW/.exec(page.body)![1]!;
    const base = (await adviser.post(`/providers/${urn}/audits`, { templateId: id })).location!.replace(/\/sections\/1$/, '');
    const bad = await adviser.post(`${base}/sections/1`, { item_1: '9' });
    expect(bad.status).toBe(400);
    expect(bad.body).toContain('Choose an answer for “Item 1. Self-regulation and social development” from the list');
    const auto = await adviser.post(`${base}/sections/1`, { item_1: '4', intent: 'autosave' }, { headers: { 'x-autosave': '1' } });
    expect(auto.status).toBe(200);
    expect((await adviser.get(`${base}/sections/1`)).body).toMatch(/value="4" checked/);
    const incomplete = await adviser.post(`${base}/complete`, {});
    expect(incomplete.status).toBe(400);
    expect(incomplete.body).toContain('Answer “Item 2. Encouraging choices and independent play” (section 1)');
    expect(incomplete.body).toContain(`href="${base}/sections/1#item_2"`);
  });

  it('the setting does the out-of-school self-assessment in the portal; staff review it and compare it with their audit', async () => {
    const base = await doAudit(setting, `/portal/${urn}/audits`, 'oos_partnership', { parents_views: 'no', children_views: 'partly' });
    expect(base.startsWith(`/portal/${urn}/audits/`)).toBe(true);
    const mine = await setting.get(base);
    expect(mine.body).toContain('Self-assessment: Partnership working in out of school settings');
    const guidance = await setting.get(`/portal/${urn}`);
    expect(guidance.body).toContain('your self-assessment');
    const staffList = await adviser.get(`/providers/${urn}/audits`);
    expect(staffList.body).toContain('To review');
    const selfId = base.split('/').pop()!;
    const staffView = await adviser.get(`/audits/${selfId}`);
    expect(staffView.body).toContain('Compare with the latest staff audit');
    const compare = await adviser.get(`/audits/${selfId}/compare`);
    expect(compare.body).toContain('<strong>Yes</strong>');
    await adviser.post(`/audits/${selfId}/review`, { comment: 'Agree: parents’ views next' });
    expect((await adviser.get(`/audits/${selfId}`)).body).toContain('Reviewed on 23 November 2026: Agree: parents’ views next');
    // the setting cannot answer a staff-only template, nor change a completed self-assessment
    expect((await setting.post(`${base}/sections/1`, {})).status).toBe(404);
  });

  it('evidence items take files: checked by content, listed on the page, downloadable by the LA', async () => {
    const page = await setting.get(`/portal/${urn}/audits`);
    const id = /value="([0-9a-f-]{36})"[^>]*>\s*<label[^>]*>\s*Partnership working/.exec(page.body)![1]!;
    const base = (await setting.post(`/portal/${urn}/audits`, { templateId: id })).location!.replace(/\/sections\/1$/, '');
    const refused = await setting.upload(`${base}/sections/2/evidence/parents_evidence`, 'file', 'survey.pdf', 'plain text');
    expect(refused.status).toBe(400);
    expect(refused.body).toContain('The file must be a PDF, a Word document or a photo');
    const ok = await setting.upload(`${base}/sections/2/evidence/parents_evidence`, 'file', 'parent survey.pdf', Buffer.from('%PDF-1.7\n% survey\n'));
    expect(ok.location).toBe(`${base}/sections/2#parents_evidence`);
    expect((await setting.get(`${base}/sections/2`)).body).toContain('parent survey.pdf');
    expect((await setting.upload(`${base}/sections/1/evidence/school_support`, 'file', 'x.pdf', Buffer.from('%PDF-1.7\n'))).status).toBe(404);
    const staffView = await adviser.get(`/audits/${base.split('/').pop()}`);
    const fileId = /href="\/evidence\/([0-9a-f-]{36})">parent survey\.pdf/.exec(staffView.body)![1]!;
    expect((await adviser.get(`/evidence/${fileId}`)).body).toContain('% survey');
  });

  it('a staff audit reaches the setting only when shared, and never another setting', async () => {
    const audit = await t.database.db.selectFrom('audits').select('id').where('urn', '=', urn).where('kind', '=', 'staff').where('template_key', '=', 'sawr').executeTakeFirstOrThrow();
    expect((await setting.get(`/portal/${urn}/audits/${audit.id}`)).status).toBe(404);
    await adviser.post(`/audits/${audit.id}/share`, {});
    const shared = await setting.get(`/portal/${urn}/audits/${audit.id}`);
    expect(shared.status).toBe(200);
    expect(shared.body).toContain('Audit: Safeguarding and welfare requirements (SAWR) audit');
    expect(shared.body).not.toContain('Add to action plan');
    expect((await setting.get(`/portal/${urn}`)).body).toContain('shared by your adviser');
    expect((await setting.get(`/portal/${urn}/audits/${audit.id}/pdf`)).headers['content-type']).toBe('application/pdf');
    expect((await setting.get(`/portal/${otherUrn}/audits/${audit.id}`)).status).toBe(404);
    expect((await setting.get(`/audits/${audit.id}`)).status).toBe(403);
  });

  it('senior leaders see the spread of section scores across providers, with no names', async () => {
    const report = await viewer.get('/audit-reports?template=sstew');
    expect(report.status).toBe(200);
    expect(report.body).toContain('The latest completed audit of each provider: 1 provider.');
    expect(report.body).not.toContain('Greenview Nursery');
    expect(report.body).toContain('role="img"');
    // an audit nobody has completed says so, instead of a table of zeros
    const none = await viewer.get('/audit-reports?template=feee_self_evaluation');
    expect(none.body).toMatch(/No provider has a completed .+ yet/);
    expect(none.body).not.toContain('Number of providers by section score');
  });

  it('admins change a template as a new version; an audit already started keeps its version', async () => {
    const admin = new TestClient(t.app);
    await admin.signIn((await createTestUser(t.database, KENT, 'admin')).email);
    const list = await admin.get('/audit-templates');
    const id = /href="\/audit-templates\/([0-9a-f-]{36})">SSTEW/.exec(list.body)![1]!;
    const json = JSON.parse((await admin.get(`/audit-templates/${id}/export`)).body) as AuditTemplate;
    const broken = await admin.post(`/audit-templates/${id}/edit`, { json: '{ not json' });
    expect(broken.status).toBe(400);
    expect(broken.body).toContain('This is not valid JSON');
    const invalid = await admin.post(`/audit-templates/${id}/edit`, { json: JSON.stringify({ ...json, scales: [] }) });
    expect(invalid.body).toContain('needs one of the template&#39;s scales');
    json.sections[0]!.items[0]!.guidance = 'Kent’s licensed indicator text goes here';
    const saved = await admin.post(`/audit-templates/${id}/edit`, { json: JSON.stringify(json) });
    expect(saved.status).toBe(303);
    expect((await admin.get(saved.location!)).body).toContain('Version 1');
    const draft = await t.database.db.selectFrom('audits').innerJoin('audit_templates', 'audit_templates.id', 'audits.template_id').select('audit_templates.version').where('audits.template_key', '=', 'sstew').where('audits.status', '=', 'draft').executeTakeFirstOrThrow();
    expect(draft.version).toBe(1);
    const page = await adviser.get(`/providers/${urn}/audits`);
    const newId = /value="([0-9a-f-]{36})"[^>]*>\s*<label[^>]*>\s*SSTEW/.exec(page.body)![1]!;
    expect(newId).toBe(saved.location!.split('/').pop());
  });
});
