import { randomUUID } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import type { Clock } from '../../platform/clock.js';
import { runImport, type ImportSummary } from './service.js';

/**
 * The import inbox: `npm run import` cannot open a PGlite data directory the running service holds,
 * so it hands the file over instead. It copies the file into DATA_DIR/inbox and then writes a request
 * beside it (each written under a temporary name and renamed, so a half-written file is never seen);
 * the service imports each request in turn and leaves a result the command prints.
 */
export interface InboxRequest {
  id: string;
  fileName: string;
  laCode: string | null;
  asAt?: string;
  /** the command said the file is whole (--confirm-short): import it even if an LA's rows are short (16.8) */
  confirmShort?: boolean;
  requestedAt: string;
}

export type InboxResult = { id: string; summary: ImportSummary } | { id: string; error: string };

export const inboxDir = (dataDir: string): string => path.join(dataDir, 'inbox');

function writeAtomically(file: string, write: (temporary: string) => void): void {
  const temporary = `${file}.part`;
  write(temporary);
  renameSync(temporary, file);
}

/** Puts a copy of the file and its request in the inbox; returns the request's id. */
export function handToService(dataDir: string, source: string, request: Omit<InboxRequest, 'id' | 'requestedAt'>, now: Date): string {
  const dir = inboxDir(dataDir);
  mkdirSync(dir, { recursive: true });
  const id = randomUUID();
  writeAtomically(path.join(dir, `${id}.file`), (temporary) => copyFileSync(source, temporary));
  const full: InboxRequest = { id, requestedAt: now.toISOString(), ...request };
  writeAtomically(path.join(dir, `${id}.request.json`), (temporary) => writeFileSync(temporary, JSON.stringify(full)));
  return id;
}

/** The result the service left for a request, once there is one. */
export function inboxResult(dataDir: string, id: string): InboxResult | null {
  const file = path.join(inboxDir(dataDir), `${id}.result.json`);
  if (!existsSync(file)) return null;
  const result = JSON.parse(readFileSync(file, 'utf8')) as InboxResult;
  rmSync(file, { force: true });
  return result;
}

/** Imports every waiting request, oldest first (run by the service every few seconds). */
export async function processInbox(db: Kysely<DB>, clock: Clock, dataDir: string): Promise<number> {
  const dir = inboxDir(dataDir);
  if (!existsSync(dir)) return 0;
  // results nobody came back for (the command gave up waiting) are kept a day
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.result.json'))) {
    if (clock.now().getTime() - statSync(path.join(dir, name)).mtimeMs > 86_400_000) rmSync(path.join(dir, name), { force: true });
  }
  const requests = readdirSync(dir)
    .filter((name) => name.endsWith('.request.json'))
    .map((name) => JSON.parse(readFileSync(path.join(dir, name), 'utf8')) as InboxRequest)
    .sort((a, b) => a.requestedAt.localeCompare(b.requestedAt));
  for (const request of requests) {
    const dataFile = path.join(dir, `${request.id}.file`);
    let result: InboxResult;
    try {
      const summary = await runImport(db, clock, {
        bytes: readFileSync(dataFile),
        fileName: request.fileName,
        laCode: request.laCode,
        startedBy: null,
        askBeforeShort: request.confirmShort !== true,
        ...(request.asAt ? { asAt: request.asAt } : {}),
      });
      result = { id: request.id, summary };
    } catch (error) {
      result = { id: request.id, error: (error as Error).message };
    }
    writeAtomically(path.join(dir, `${request.id}.result.json`), (temporary) => writeFileSync(temporary, JSON.stringify(result)));
    rmSync(dataFile, { force: true });
    rmSync(path.join(dir, `${request.id}.request.json`), { force: true });
  }
  return requests.length;
}
