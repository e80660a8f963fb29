import type { FastifyInstance } from 'fastify';
import { createApp } from '../../src/app.js';
import { buildConfig, parseEnv, type Config } from '../../src/config/index.js';
import type { Database } from '../../src/db/client.js';
import { TenantDb } from '../../src/db/tenant.js';
import type { Role } from '../../src/db/types.js';
import { FixedClock } from '../../src/platform/clock.js';
import { hashPassword } from '../../src/platform/passwords.js';
import type { TestDatabase } from './databases.js';

export const TEST_PASSWORD = 'correct horse battery staple';

export function testConfig(overrides: Record<string, string> = {}): Config {
  return buildConfig(
    parseEnv({
      NODE_ENV: 'test',
      SESSION_SECRET: 'test-secret-that-is-at-least-32-characters-long',
      LOG_LEVEL: 'silent',
      SIGN_IN_RATE_LIMIT: '1000',
      DATA_DIR: '/tmp/eyhub-test-unused',
      ...overrides,
    }),
  );
}

export interface TestApp {
  app: FastifyInstance;
  database: Database;
  clock: FixedClock;
  config: Config;
  close(): Promise<void>;
}

export async function startTestApp(testDb: TestDatabase, env: Record<string, string> = {}): Promise<TestApp> {
  const database = await testDb.open();
  const clock = new FixedClock('2026-11-23T10:00:00Z');
  const config = testConfig(env);
  const app = await createApp(config, { database, clock });
  await app.ready();
  return {
    app,
    database,
    clock,
    config,
    async close() {
      await app.close();
      await database.close();
    },
  };
}

let passwordHash: Promise<string> | null = null;

/** Adds a user straight to the database (tests only). */
export async function createTestUser(
  database: Database,
  laCode: string,
  role: Role,
  options: { email?: string; name?: string; mustChangePassword?: boolean } = {},
): Promise<{ id: string; email: string; name: string }> {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  const email = options.email ?? `${role}.${laCode}.${Math.random().toString(36).slice(2, 8)}@example.org`;
  const name = options.name ?? `${role} of ${laCode}`;
  const tenant = new TenantDb(database.db, { laCode, userId: '00000000-0000-0000-0000-000000000000', role: 'admin' });
  const row = await tenant
    .insertInto('users', {
      email,
      name,
      role,
      password_hash: await passwordHash,
      must_change_password: options.mustChangePassword ?? false,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, email, name };
}
