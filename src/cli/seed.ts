import { loadConfig } from '../config/index.js';
import { describeCredentials, seedDemo, seedDemoPathways, seedDemoProviders, writeCredentialsFile } from '../modules/demo/index.js';
import { findLocalAuthority } from '../modules/local-authorities/index.js';
import { openMigratedDatabase } from '../runtime.js';

const config = loadConfig();
if (config.isProduction) {
  console.error('npm run seed does not run when NODE_ENV=production: demo users must never reach a live service.');
  process.exit(1);
}
const database = await openMigratedDatabase(config);
try {
  const la = await findLocalAuthority(database.db, config.demo.laCode);
  const text = describeCredentials(la?.name ?? config.demo.laCode, await seedDemo(database.db, config.demo.laCode));
  console.log(`${text}(also written to ${writeCredentialsFile(config.dataDir, text)})`);
  console.log(await seedDemoProviders(database.db, config.demo.laCode));
  console.log(await seedDemoPathways(database.db, config.demo.laCode));
} finally {
  await database.close();
}
