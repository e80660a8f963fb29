import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { appendAuthAudit } from '../audit-log/index.js';

/** No import takes minutes (the national file takes seconds): one "running" this long has died with its process. */
export const INTERRUPTED_AFTER_MS = 15 * 60_000;

export const INTERRUPTED_MESSAGE =
  'The import stopped before it finished because EY Hub was stopped or restarted. Nothing from the file was saved: import it again.';

/**
 * Imports whose process was killed, crashed or restarted mid-import. The database rolled their
 * transaction back, so nothing from the file was kept; the import history says so instead of
 * showing them as running for ever.
 *
 * `ownsDatabase`: this process is the only one using the database (PGlite, locked to one process),
 * so every import still marked running is one of those; otherwise (PostgreSQL, where another
 * instance may be importing now) only those started more than INTERRUPTED_AFTER_MS ago.
 */
export async function markInterruptedImports(db: Kysely<DB>, now: Date, options: { ownsDatabase: boolean }): Promise<number> {
  const startedBefore = options.ownsDatabase ? now : new Date(now.getTime() - INTERRUPTED_AFTER_MS);
  const stopped = await db
    .updateTable('imports')
    .set({ status: 'failed', error: INTERRUPTED_MESSAGE, finished_at: now })
    .where('status', '=', 'running')
    .where('started_at', '<=', startedBefore)
    .returning(['id', 'la_code', 'file_name', 'sha256'])
    .execute();
  for (const imp of stopped) {
    await appendAuthAudit(
      db,
      { laCode: imp.la_code, userId: null, email: null, ip: null },
      { action: 'import.interrupted', recordType: 'import', recordId: imp.id, details: { file: imp.file_name, sha256: imp.sha256 } },
    );
  }
  return stopped.length;
}
