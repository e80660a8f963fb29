import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../app.js';
import { startTestApp, type TestApp } from '../../../test/support/app.js';
import { testDatabases } from '../../../test/support/databases.js';

describe.each(testDatabases())('public pages and error pages on $name', (testDb) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(testDb);
  });
  afterAll(() => t.close());

  it('/healthz reports the database', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/healthz' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', database: 'ok', dataDir: 'ok' });
  });

  it('/healthz answers 503 when the data directory cannot be written (uploads and PGlite live there)', async () => {
    const notADirectory = path.join(mkdtempSync(path.join(tmpdir(), 'eyhub-healthz-')), 'a-file');
    writeFileSync(notADirectory, 'not a directory');
    const broken = await startTestApp(testDb, { DATA_DIR: notADirectory });
    try {
      const res = await broken.app.inject({ method: 'GET', url: '/healthz' });
      expect(res.statusCode).toBe(503);
      expect(res.json()).toEqual({ status: 'error', database: 'ok', dataDir: 'not writable' });
    } finally {
      await broken.close();
    }
  });

  it('serves the accessibility statement and cookies page to anyone', async () => {
    for (const url of ['/accessibility', '/cookies']) {
      const res = await t.app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(200);
    }
    expect((await t.app.inject({ method: 'GET', url: '/cookies' })).body).toContain('eyhub_session');
  });

  it('the accessibility statement lists what fails with fix dates, how and when it was tested, and whom to contact', async () => {
    const statement = (await t.app.inject({ method: 'GET', url: '/accessibility' })).body;
    expect(statement).toContain('partially compliant');
    expect(statement).not.toContain('fully compliant');
    expect(statement).toContain('last tested on 4 December 2026');
    expect(statement).toMatch(/axe-core[\s\S]*320 pixels[\s\S]*keyboard journeys[\s\S]*structure tree/);
    expect(statement).toContain('by 26 February 2027');
    expect(statement).toContain('PDF documents made before 4 December 2026');
    const withContact = await startTestApp(testDb, { EY_TEAM_EMAIL: 'earlyyears@kent.example' });
    const named = (await withContact.app.inject({ method: 'GET', url: '/accessibility' })).body;
    expect(named).toContain('<a class="govuk-link app-wrap-anywhere" href="mailto:earlyyears@kent.example">earlyyears@kent.example</a>');
    await withContact.close();
  });

  it('an unknown page is a 404 page and a failure is a 500 page, never a stack trace', async () => {
    const missing = await t.app.inject({ method: 'GET', url: '/no/such/page' });
    expect(missing.statusCode).toBe(404);
    expect(missing.body).toContain('Page not found');

    const app = await createApp(t.config, { database: t.database });
    app.get('/boom', { config: { permission: 'public' } }, async () => {
      throw new Error('secret internal detail');
    });
    const res = await app.inject({ method: 'GET', url: '/boom' });
    expect(res.statusCode).toBe(500);
    expect(res.body).toContain('Sorry, there is a problem with the service');
    expect(res.body).not.toContain('secret internal detail');
    await app.close();
  });

  it('serves GOV.UK Frontend assets and our stylesheet', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/public/app.css' })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/public/govuk-frontend.min.js' })).statusCode).toBe(200);
  });
});
