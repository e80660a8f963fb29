import { ConfigError, loadConfig } from './config/index.js';
import { openDatabase } from './db/client.js';
import { DataDirLockedError } from './db/lock.js';

/*
 * Starts EY Hub. The database starts opening first (PGlite compiles its WebAssembly and starts
 * PostgreSQL) while the service's modules load, which takes about as long (ADR 0017).
 */
async function main(): Promise<void> {
  const started = performance.now();
  const config = loadConfig();
  const opening = openDatabase(config.database);
  opening.catch(() => undefined); // awaited (and reported) by startService
  const { startService } = await import('./service.js');
  await startService(config, opening, started);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof DataDirLockedError) {
    console.error(error.message);
  } else if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
    console.error("The port is already in use: stop the other program, or set PORT to another port.");
  } else {
    console.error(error);
  }
  process.exit(1);
});
