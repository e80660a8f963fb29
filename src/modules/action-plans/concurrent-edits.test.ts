import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../../test/support/app.js';
import type { TestClient } from '../../../test/support/client.js';
import { testDatabases } from '../../../test/support/databases.js';
import { twoEditors, versionIn } from '../../../test/support/two-editors.js';

describe.each(testDatabases())('two people updating one action plan item on $name', (testDb) => {
  let t: TestApp;
  let adviser: TestClient;
  let manager: TestClient;
  let itemId: string;

  beforeAll(async () => {
    const editors = await twoEditors(testDb);
    ({ t, adviser, manager } = editors);
    const { urn } = editors;
    await adviser.get(`/providers/${urn}/action-plan/new`);
    const added = await adviser.post(`/providers/${urn}/action-plan`, { source: 'self_identified', area: 'safeguarding_welfare', action: 'Review the risk assessment', 'due-day': '18', 'due-month': '12', 'due-year': '2026' });
    expect(added.status, added.body.match(/govuk-error-message[^<]*<[^>]*>[^<]*<\/span>([^<]*)/)?.[1]).toBe(303);
    itemId = (await t.database.db.selectFrom('action_plan_items').select('id').where('urn', '=', urn).executeTakeFirstOrThrow()).id;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('the second update of the same version is refused with who changed it when; theirs on the page, yours in the form', async () => {
    const mine = await adviser.get(`/action-plan-items/${itemId}`);
    const theirs = await manager.get(`/action-plan-items/${itemId}`);
    expect(versionIn(mine.body)).toBe('1');
    expect(versionIn(theirs.body)).toBe('1');

    t.clock.set('2026-11-23T10:04:00Z');
    expect((await manager.post(`/action-plan-items/${itemId}`, { version: '1', status: 'done', comment: 'Seen it done at the visit' })).status).toBe(303);
    const second = await adviser.post(`/action-plan-items/${itemId}`, { version: '1', status: 'in_progress', comment: 'Started on it' });
    expect(second.status).toBe(409);
    expect(second.body).toContain('This action was changed by Sally Senior at 10:04am while you were editing it');
    expect(second.body).toContain('id="their-version"');
    expect(second.body).toContain('Seen it done at the visit'); // theirs, in the history
    expect(second.body).toMatch(/<textarea[^>]*name="comment"[^>]*>Started on it<\/textarea>/); // yours kept
    expect(second.body).toMatch(/value="in_progress" checked/);
    expect(versionIn(second.body)).toBe('2');
    const stored = await t.database.db.selectFrom('action_plan_items').select(['status', 'version']).where('id', '=', itemId).executeTakeFirstOrThrow();
    expect(stored).toEqual({ status: 'done', version: 2 });
    const updates = await t.database.db.selectFrom('action_plan_updates').select('comment').where('item_id', '=', itemId).execute();
    expect(updates.map((u) => u.comment)).toEqual(['Seen it done at the visit']);

    expect((await adviser.post(`/action-plan-items/${itemId}`, { version: '2', status: 'in_progress', comment: 'Started on it' })).status).toBe(303);
    expect((await t.database.db.selectFrom('action_plan_items').select('version').where('id', '=', itemId).executeTakeFirstOrThrow()).version).toBe(3);
  });
});
