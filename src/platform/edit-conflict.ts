import { formatDateTime, londonDate } from './dates.js';
import type { FormErrors } from './forms.js';

/*
 * Optimistic concurrency for records two people may edit at once (a note of visit, an action plan
 * item). The edit form carries the version it was loaded with; a save of an older version is
 * refused with EditConflictError, and the form is shown again with the user's own text kept, the
 * other person's saved version beside it, and the GOV.UK error summary saying who changed it when.
 */

export class EditConflictError extends Error {
  constructor(
    /** the version now stored */
    readonly version: number,
    /** who saved it (null when not recorded, e.g. a record saved before versions existed) */
    readonly byName: string | null,
    readonly at: Date,
  ) {
    super('The record was changed by someone else while it was being edited');
  }
}

/** The version an edit form posted: a positive whole number, or null when the form carried none. */
export function postedVersion(body: Record<string, unknown>): number | null {
  const raw = body.version;
  if (typeof raw !== 'string' || !/^\d{1,9}$/.test(raw)) return null;
  const n = Number(raw);
  return n > 0 ? n : null;
}

/** A save is stale when the form says which version it edited and that is no longer the stored one. */
export function isStale(posted: number | null, stored: number): boolean {
  return posted !== null && posted !== stored;
}

/** "This note was changed by Ada Adviser at 3:04pm while you were editing it" (the date is added when not today). */
export function changedWhileEditing(noun: string, byName: string | null, at: Date, now: Date): string {
  const when = londonDate(at) === londonDate(now) ? `at ${formatDateTime(at).split(' at ')[1] ?? ''}` : `on ${formatDateTime(at)}`;
  return `This ${noun} was changed by ${byName ?? 'someone else'} ${when} while you were editing it. Their version is shown below the form; your changes are kept in the form. Save again to replace their version with yours.`;
}

/** The error summary for a conflict: one entry, linking to the other person's version on the page. */
export function conflictErrors(message: string): FormErrors {
  return { fields: {}, list: [{ text: message, href: '#their-version' }] };
}

/*
 * Records kept as numbered versions (setting documents, audit templates, funding rules) take the
 * next number as max(version) + 1 under a unique (…, version) constraint. Two saves at the same
 * moment both read the same max, and the second insert breaks the constraint: that is a race, not
 * a failure. The save is run again (in a new transaction: a failed statement ends the old one on
 * PostgreSQL) and takes the number after the other person's; after a few lost races the caller
 * gets VersionRaceError and answers 409 with the GOV.UK error summary — never a 500.
 */

/** PostgreSQL's unique_violation (pg and PGlite both carry the SQLSTATE as `code`). */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23505';
}

export class VersionRaceError extends Error {
  readonly statusCode = 409;
  /** `what`: "this audit template", "these funding rules" */
  constructor(what: string, again = 'save yours again') {
    super(`Someone else saved a new version of ${what} at the same moment. Check the latest version and ${again}.`);
  }
}

/** Runs `save` (a whole transaction) again when it lost a race for the next version number. */
export async function saveNextVersion<R>(what: string, save: () => Promise<R>, options: { again?: string; attempts?: number } = {}): Promise<R> {
  const attempts = options.attempts ?? 5;
  for (let attempt = 1; ; attempt++) {
    try {
      return await save();
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      if (attempt >= attempts) throw new VersionRaceError(what, options.again);
    }
  }
}

/** The race lost for good, as a value the route can show in its form (other errors go on). */
export function lostRace(error: unknown): VersionRaceError | Promise<never> {
  return error instanceof VersionRaceError ? error : Promise.reject(error);
}
