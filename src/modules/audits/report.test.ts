import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestUser } from '../../../test/support/app.js';
import { testDatabases } from '../../../test/support/databases.js';
import type { Database } from '../../db/client.js';
import { TenantDb } from '../../db/tenant.js';
import { NOT_APPLICABLE, yesNoPoints, type AuditTemplate } from './definition.js';
import { distribution, spreadReport } from './presenters.js';
import { sectionSpread } from './repository.js';
import type { Answers } from './scoring.js';
import { currentAuditTemplates, saveTemplateVersion } from './templates.js';

/*
 * /audit-reports computes the spread of section scores in SQL (ADR 0020). These tests hold the SQL
 * to the TypeScript arithmetic (`distribution`, unit-tested against the seeds in scoring.test.ts)
 * over varied answers: every point of each scale, "not applicable", unanswered and unknown values,
 * several audits per provider (only the latest completed staff audit counts), drafts, self-assessments,
 * two template versions and another LA's audits.
 */
const LA = '886';
const OTHER = '857';

describe.each(testDatabases())('audit report aggregation on $name', (testDb) => {
  let database: Database;
  let tenant: TenantDb;
  let expected: Map<string, { answers: Answers; definition: AuditTemplate }[]>;

  beforeAll(async () => {
    database = await testDb.open();
    const db = database.db;
    const user = await createTestUser(database, LA, 'adviser');
    const other = await createTestUser(database, OTHER, 'adviser');
    tenant = new TenantDb(db, { laCode: LA, userId: user.id, role: 'adviser' });
    const otherTenant = new TenantDb(db, { laCode: OTHER, userId: other.id, role: 'adviser' });
    const urns = Array.from({ length: 24 }, (_, i) => `AR${String(i).padStart(4, '0')}`);
    await db.insertInto('providers').values([...urns.map((urn) => ({ urn, la_code: LA, name: `Setting ${urn}`, registers: ['EYR'] })), { urn: 'AROTHER', la_code: OTHER, name: 'Elsewhere', registers: ['EYR'] }]).execute();

    let state = 7;
    const rand = () => ((state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32);
    const templates = await currentAuditTemplates(tenant);
    await currentAuditTemplates(otherTenant);
    expected = new Map();
    for (const key of ['sstew', 'sawr', 'grade_descriptors']) {
      const v1 = templates.find((t) => t.key === key)!;
      // a second version without the first section's first item and with a section of its own
      const changed: AuditTemplate = structuredClone(v1.definition);
      changed.sections[0]!.items.shift();
      if (changed.sections[0]!.items.length === 0) changed.sections.shift();
      changed.sections.push({ key: 'added_later', title: 'Added later', items: [{ key: 'added_item', prompt: 'Added item', response: 'yes_no', actionIfLow: false }] });
      const v2 = await saveTemplateVersion(tenant, changed);
      const answersFor = (template: AuditTemplate): Answers => {
        const answers: Answers = {};
        for (const item of template.sections.flatMap((s) => s.items)) {
          const points = item.response === 'yes_no' ? yesNoPoints : item.response === 'rating' ? template.scales.find((s) => s.key === item.scale)!.points : null;
          const r = rand();
          if (!points) answers[item.key] = { value: null, comment: 'Seen' };
          else if (r < 0.06) answers[item.key] = { value: NOT_APPLICABLE };
          else if (r < 0.1) continue; // unanswered
          else if (r < 0.12) answers[item.key] = { value: 'not_a_point' };
          else answers[item.key] = { value: points[Math.floor(rand() * points.length)]!.value };
        }
        return answers;
      };
      const latest: { answers: Answers; definition: AuditTemplate }[] = [];
      for (const [i, urn] of urns.entries()) {
        if (i % 8 === 7) continue; // no audit of this kind
        const rows = [];
        const audits = 1 + (i % 3);
        for (let n = 0; n < audits; n++) {
          const useV2 = (i + n) % 2 === 0;
          const definition = useV2 ? changed : v1.definition;
          const answers = answersFor(definition);
          const completedAt = new Date(Date.UTC(2026, 0, 1 + n * 30 + i));
          rows.push({ urn, template_id: useV2 ? v2.id : v1.id, template_key: key, kind: 'staff' as const, status: 'completed' as const, answers: JSON.stringify(answers), started_by: user.id, started_at: completedAt, updated_at: completedAt, completed_at: completedAt });
          if (n === audits - 1) latest.push({ answers, definition });
        }
        // a later draft and a later self-assessment do not count
        const later = new Date(Date.UTC(2026, 10, 1 + i));
        rows.push({ urn, template_id: v1.id, template_key: key, kind: 'staff' as const, status: 'draft' as const, answers: JSON.stringify(answersFor(v1.definition)), started_by: user.id, started_at: later, updated_at: later, completed_at: null });
        rows.push({ urn, template_id: v1.id, template_key: key, kind: 'self' as const, status: 'completed' as const, answers: JSON.stringify(answersFor(v1.definition)), started_by: user.id, started_at: later, updated_at: later, completed_at: later });
        await tenant.insertInto('audits', rows).execute();
      }
      const otherTemplate = (await currentAuditTemplates(otherTenant)).find((t) => t.key === key)!;
      const at = new Date(Date.UTC(2026, 5, 1));
      await otherTenant.insertInto('audits', { urn: 'AROTHER', template_id: otherTemplate.id, template_key: key, kind: 'staff', status: 'completed', answers: JSON.stringify(answersFor(otherTemplate.definition)), started_by: other.id, started_at: at, updated_at: at, completed_at: at }).execute();
      expected.set(key, latest);
    }
  });
  afterAll(() => database.close());

  it.each(['sstew', 'sawr', 'grade_descriptors'])('the %s spread computed in SQL equals the spread computed from the audits themselves', async (key) => {
    const template = (await currentAuditTemplates(tenant)).find((t) => t.key === key)!.definition;
    const spread = await sectionSpread(tenant, key);
    const fromSql = spreadReport(template, spread.providers, spread.sections);
    const fromAudits = distribution(template, expected.get(key)!);
    expect(fromSql.providers).toBe(21);
    expect(fromSql.rows).toEqual(fromAudits.rows);
    expect(fromSql.rows.some((r) => r.total > 0 && r.counts.filter((c) => c > 0).length > 1)).toBe(true);
    expect(fromSql.chart).toEqual(fromAudits.chart);
  });

  it('a template nobody has completed has no providers and no scores', async () => {
    const spread = await sectionSpread(tenant, 'oos_partnership');
    expect(spread).toEqual({ providers: 0, sections: [] });
  });
});
