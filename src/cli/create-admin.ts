import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config/index.js';
import { createAdmin } from '../modules/users/index.js';
import { systemClock } from '../platform/clock.js';
import { openMigratedDatabase } from '../runtime.js';

/*
 * npm run create-admin -- --la 886 --email admin@council.gov.uk [--name "Ada Admin"] [--force]
 * The first administrator of a local authority on a live service (production never seeds demo
 * users). Prints a one-time password, shown only here, that must be changed at first sign-in.
 */

export const USAGE = 'Usage: npm run create-admin -- --la 886 --email name@council.gov.uk [--name "Full name"] [--force]';

export type CreateAdminArgs = { ok: true; laCode: string; email: string; name: string; force: boolean } | { ok: false; message: string };

export function parseCreateAdminArgs(argv: string[]): CreateAdminArgs {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { la: { type: 'string' }, email: { type: 'string' }, name: { type: 'string' }, force: { type: 'boolean', default: false } },
      strict: true,
    }));
  } catch (error) {
    return { ok: false, message: `${(error as Error).message}\n${USAGE}` };
  }
  if (!values.la || !/^\d{3}$/.test(values.la)) return { ok: false, message: `--la must be a 3-digit local authority code\n${USAGE}` };
  if (!values.email) return { ok: false, message: `--email is required\n${USAGE}` };
  return { ok: true, laCode: values.la, email: values.email, name: values.name ?? 'Administrator', force: values.force ?? false };
}

async function main(): Promise<number> {
  const args = parseCreateAdminArgs(process.argv.slice(2));
  if (!args.ok) {
    console.error(args.message);
    return 2;
  }
  const config = loadConfig();
  const database = await openMigratedDatabase(config);
  try {
    const result = await createAdmin(database.db, systemClock, args);
    if (!result.ok) {
      console.error(result.message);
      return 1;
    }
    console.log(
      [
        `${result.replaced ? 'Made an administrator' : 'Added administrator'} ${result.email} for ${result.laName}.`,
        `One-time password (shown only now): ${result.oneTimePassword}`,
        `Sign in at ${config.publicBaseUrl}/sign-in; they must choose a new password at first sign-in.`,
      ].join('\n'),
    );
    return 0;
  } finally {
    await database.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error instanceof ConfigError ? error.message : error);
      process.exit(1);
    },
  );
}
