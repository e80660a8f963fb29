import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../../test/support/app.js';
import type { TestClient } from '../../../test/support/client.js';
import { testDatabases } from '../../../test/support/databases.js';
import { twoEditors, versionIn } from '../../../test/support/two-editors.js';

describe.each(testDatabases())('two people editing one note of visit on $name', (testDb) => {
  let t: TestApp;
  let adviser: TestClient;
  let manager: TestClient;
  let noteId: string;

  const form = (overrides: Record<string, string>) => ({
    attendees: 'Jo Manager', purpose: 'Review the SAWR', workingWell: 'Warm relationships', worriedAbout: 'Nothing at this visit', needsToHappen: 'Weekly risk assessment',
    scaling: '', scalingQuestion: '', recommendations: '', intent: 'save', ...overrides,
  });

  beforeAll(async () => {
    const editors = await twoEditors(testDb);
    ({ t, adviser, manager } = editors);
    const { urn, adviserUser: a } = editors;
    await manager.post(`/providers/${urn}/inspections`, { kind: 'full', overall: 'requires_improvement', 'date-day': '20', 'date-month': '11', 'date-year': '2026' });
    const pathway = await t.database.db.selectFrom('pathways').select('id').where('urn', '=', urn).executeTakeFirstOrThrow();
    await manager.post(`/pathways/${pathway.id}/allocate`, { adviserId: a.id, cadence: 'monthly' });
    const visitId = (await t.database.db.selectFrom('visits').select('id').where('pathway_id', '=', pathway.id).where('number', '=', 1).executeTakeFirstOrThrow()).id;
    await adviser.post(`/visits/${visitId}/book`, { 'date-day': '25', 'date-month': '11', 'date-year': '2026', time: '10:00', duration: '120', location: 'At the setting' });
    const draft = await adviser.post(`/visits/${visitId}/note`, form({}));
    expect(draft.status).toBe(303);
    noteId = draft.location!.split('/').pop()!;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('the second save of the same version is refused: who changed it when, their version shown, yours kept in the form', async () => {
    const mine = await adviser.get(`/notes/${noteId}/edit`);
    const theirs = await manager.get(`/notes/${noteId}/edit`);
    const loaded = versionIn(mine.body);
    expect(loaded).toBe('1');
    expect(versionIn(theirs.body)).toBe('1');

    t.clock.set('2026-11-23T10:04:00Z');
    const first = await manager.post(`/notes/${noteId}`, form({ version: loaded!, recommendations: 'Manager’s recommendation' }));
    expect(first.status).toBe(303);

    const second = await adviser.post(`/notes/${noteId}`, form({ version: loaded!, recommendations: 'Adviser’s recommendation' }));
    expect(second.status).toBe(409);
    expect(second.body).toContain('govuk-error-summary');
    expect(second.body).toContain('This note was changed by Sally Senior at 10:04am while you were editing it');
    expect(second.body).toContain('href="#their-version"');
    expect(second.body).toMatch(/id="their-version"[\s\S]*Manager’s recommendation/); // theirs shown
    expect(second.body).toMatch(/<textarea[^>]*name="recommendations"[^>]*>Adviser’s recommendation<\/textarea>/); // yours kept
    expect(versionIn(second.body)).toBe('2'); // the form now carries their version
    const stored = await t.database.db.selectFrom('notes_of_visit').select(['recommendations', 'version']).where('id', '=', noteId).executeTakeFirstOrThrow();
    expect(stored).toEqual({ recommendations: 'Manager’s recommendation', version: 2 });

    // saving again from the conflict page is a deliberate choice, and it wins
    const again = await adviser.post(`/notes/${noteId}`, form({ version: versionIn(second.body)!, recommendations: 'Adviser’s recommendation' }));
    expect(again.status).toBe(303);
    const after = await t.database.db.selectFrom('notes_of_visit').select(['recommendations', 'version']).where('id', '=', noteId).executeTakeFirstOrThrow();
    expect(after).toEqual({ recommendations: 'Adviser’s recommendation', version: 3 });
  });
});
