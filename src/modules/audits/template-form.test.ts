import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestUser, startTestApp, type TestApp } from '../../../test/support/app.js';
import { TestClient } from '../../../test/support/client.js';
import { testDatabases } from '../../../test/support/databases.js';
import { templateSchema, type AuditTemplate } from './definition.js';
import { fromForm, keyFor, toFormValues } from './template-form.js';
import { shippedTemplates } from './templates.js';

const KENT = '886';
const sstew = (): AuditTemplate => structuredClone(shippedTemplates().find((t) => t.key === 'sstew')!);

describe('an audit template from its form', () => {
  it('keeps what the form does not show, renames, removes and adds questions', () => {
    const base = sstew();
    const form: Record<string, string> = toFormValues(base);
    form.s0_title = 'Trust, warmth and respect';
    form.s0_q1_prompt = ''; // removed
    form.s0_q9_prompt = 'Children choose where to play';
    form.s0_q9_response = 'yes_no';
    const result = fromForm(form, base);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const [first] = result.template.sections;
    expect(first!.title).toBe('Trust, warmth and respect');
    expect(first!.key).toBe(base.sections[0]!.key);
    expect(first!.items.map((i) => i.key)).toEqual([...base.sections[0]!.items.filter((_, j) => j !== 1).map((i) => i.key), 'children_choose_where_to_play']);
    expect(first!.items[0]).toEqual(base.sections[0]!.items[0]); // guidance, source, scale kept
    expect(result.template.scales).toEqual(base.scales);
    expect(result.template.sections).toHaveLength(base.sections.length);
  });

  it('new keys never take an existing one', () => {
    const taken = new Set(['hours_claimed']);
    expect(keyFor('Hours claimed', taken)).toBe('hours_claimed_2');
    expect(keyFor('  !!  ', taken)).toBe('item');
  });

  it('says what is wrong, in the order of the fields', () => {
    const base = sstew();
    const form: Record<string, string> = { ...toFormValues(base), name: '', s1_title: '', s2_q0_response: 'rating', s2_q0_scale: '' };
    const result = fromForm(form, base);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.list.map((e) => e.href)).toEqual(['#name', '#s1_title', '#s2_q0_scale']);
    expect(result.errors.fields.s1_title).toBe('Enter a title for section 2, or clear its questions to remove it');
    expect(result.errors.fields.s2_q0_scale).toBe('Select the scale for question 1 of section 3');
  });
});

describe.each(testDatabases())('changing an audit template without JSON, on $name', (testDb) => {
  let t: TestApp;
  let admin: TestClient;

  beforeAll(async () => {
    t = await startTestApp(testDb);
    admin = new TestClient(t.app);
    await admin.signIn((await createTestUser(t.database, KENT, 'admin')).email);
    await admin.get('/audit-templates');
  });
  afterAll(() => t?.close());

  it('an admin adds a section with a question and removes another question; the rest stays; errors keep what was typed', async () => {
    const current = await t.database.db.selectFrom('audit_templates').select(['id', 'definition']).where('la_code', '=', KENT).where('key', '=', 'sawr').executeTakeFirstOrThrow();
    const page = await admin.get(`/audit-templates/${current.id}/change`);
    expect(page.status).toBe(200);
    expect(page.body).toContain('Add a section');
    const form: Record<string, string> = toFormValues(templateSchema.parse(current.definition));
    const sections = templateSchema.parse(current.definition).sections.length;
    form[`s${sections}_title`] = 'Outings';
    const bad = await admin.post(`/audit-templates/${current.id}/change`, form);
    expect(bad.status).toBe(400);
    expect(bad.body).toContain(`href="#s${sections}_q0_prompt">Section ${sections + 1} (Outings) needs at least one question`);
    expect(bad.body).toMatch(new RegExp(`name="s${sections}_title"[^>]*value="Outings"`));
    form[`s${sections}_q0_prompt`] = 'Outings have a risk assessment';
    form[`s${sections}_q0_response`] = 'yes_no';
    form.s0_q0_prompt = '';
    const saved = await admin.post(`/audit-templates/${current.id}/change`, form);
    expect(saved.status).toBe(303);
    const page2 = await admin.get(saved.location!);
    expect(page2.body).toContain('Outings have a risk assessment');
    expect(page2.body).toContain('Audit template · version 2');
    const v2 = templateSchema.parse((await t.database.db.selectFrom('audit_templates').select('definition').where('la_code', '=', KENT).where('key', '=', 'sawr').where('version', '=', 2).executeTakeFirstOrThrow()).definition);
    expect(v2.sections.at(-1)).toMatchObject({ key: 'outings', title: 'Outings', items: [{ key: 'outings_have_a_risk_assessment', response: 'yes_no' }] });
    expect(v2.sections[0]!.items.map((i) => i.key)).not.toContain(templateSchema.parse(current.definition).sections[0]!.items[0]!.key);
    expect(v2.suggestedBy).toEqual(templateSchema.parse(current.definition).suggestedBy);
  });
});
