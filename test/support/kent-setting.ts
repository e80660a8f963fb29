import { runImport } from '../../src/modules/ofsted-import/service.js';
import { createTestUser, type TestApp } from './app.js';
import { kentFile } from './ofsted-files.js';
import { seedSupportRecords, type SupportRecords } from './records.js';

const KENT = '886';

/**
 * Kent's register with Greenview Nursery's support records (test/support/records.ts), an admin, an
 * adviser and a provider user of Greenview: the set-up of the sweeps over every page or form.
 */
export async function seedKentSetting(t: TestApp) {
  await runImport(t.database.db, t.clock, { bytes: Buffer.from(kentFile()), fileName: 'kent.csv', laCode: KENT, startedBy: null, asAt: '2021-08-31' });
  const urn = (await t.database.db.selectFrom('providers').select('urn').where('name', '=', 'Greenview Nursery').executeTakeFirstOrThrow()).urn;
  const admin = await createTestUser(t.database, KENT, 'admin', { name: 'Ann Admin' });
  const adviser = await createTestUser(t.database, KENT, 'adviser', { name: 'Ada Adviser' });
  const records: SupportRecords = await seedSupportRecords(t, { code: KENT, name: 'Kent' }, admin, adviser.id, urn);
  const provider = await createTestUser(t.database, KENT, 'provider');
  await t.database.db.insertInto('provider_users').values({ la_code: KENT, user_id: provider.id, urn, created_at: t.clock.now() }).execute();
  return { urn, admin, adviser, provider, records };
}
