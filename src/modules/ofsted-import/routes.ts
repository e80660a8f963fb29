import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { ChangeType, DB } from '../../db/types.js';
import { changeTypes } from '../providers/index.js';
import type { Clock } from '../../platform/clock.js';
import { actionContext } from '../../platform/context.js';
import { toCsv } from '../../platform/csv.js';
import { parseTypedDate } from '../../platform/dates.js';
import { NotFoundError } from '../../platform/errors.js';
import { formErrors } from '../../platform/forms.js';
import { paginationView, parsePage } from '../../platform/pagination.js';
import { render, setFlash } from '../../platform/views.js';
import { changeSummary, changeTypeLabels } from '../providers/index.js';
import { isUuid } from '../../platform/ids.js';
import { importPolicy } from './policy.js';
import { baselineImport, changesSeenAt, findImport, importHistory, listChanges, markChangesSeen, movesOf, newChanges, noLaRejections, rejectionsOf, type ChangeFilters } from './repository.js';
import { summaryLines } from './summary.js';
import { coverageWarning } from './coverage.js';

/** The warning for an import's rows of the user's local authority, when far fewer than the register held. */
function coverageOf(c: { new_count: number | null; changed_count: number | null; unchanged_count: number | null; older_count: number | null; held_count: number | null }): string | null {
  const rows = (c.new_count ?? 0) + (c.changed_count ?? 0) + (c.unchanged_count ?? 0) + (c.older_count ?? 0);
  return coverageWarning({ laName: 'your local authority', rows, held: c.held_count ?? 0 });
}
import { MAX_UPLOAD_BYTES, runImport } from './service.js';
import { progressReport, type ImportProgress } from './types.js';

type ImportParams = { Params: { importId: string } };

/** How long a file refused as short is held for "Import anyway". */
const PENDING_MS = 30 * 60_000;

/** Administrators also see the rows of an import that belong to no local authority (issue 16.7). */
const isAdmin = (role: string) => role === 'admin';

export function importRoutes(deps: { db: Kysely<DB>; clock: Clock }) {
  const ctxOf = (request: FastifyRequest) => actionContext(request, deps.db, deps.clock);
  /** Progress of imports running in this process (another instance's imports show their stored status). */
  const running = new Map<string, ImportProgress>();
  /**
   * Files refused as short (16.8), held in this process until their uploader chooses "Import anyway"
   * (or for PENDING_MS; a restart forgets them and the page asks for the file again).
   */
  const pending = new Map<string, { bytes: Buffer; fileName: string; userId: string; at: number }>();
  const heldFor = (importId: string, userId: string) => {
    for (const [id, p] of pending) if (Date.now() - p.at > PENDING_MS) pending.delete(id);
    const p = pending.get(importId);
    return p && p.userId === userId ? p : undefined;
  };

  /** Starts an import of an uploaded file in the background; resolves with its id as soon as it is recorded. */
  function startImport(request: FastifyRequest, bytes: Buffer, fileName: string, askBeforeShort: boolean): Promise<string> {
    const ctx = ctxOf(request);
    let importId = '';
    return new Promise<string>((resolve, reject) => {
      runImport(deps.db, deps.clock, {
        bytes,
        fileName,
        laCode: ctx.user.laCode,
        startedBy: { id: ctx.user.id, email: ctx.user.email },
        ip: ctx.ip,
        askBeforeShort,
        onStarted: (id) => {
          importId = id;
          running.set(id, { phase: 'reading', done: 0, total: 1 });
          // held from the start, so the page that shows the refusal can always offer "Import anyway"
          if (askBeforeShort) pending.set(id, { bytes, fileName, userId: ctx.user.id, at: Date.now() });
          resolve(id);
        },
        onProgress: (p) => importId && running.set(importId, p),
      })
        .then((summary) => {
          if (!summary.needsConfirmation) pending.delete(summary.importId);
        })
        .catch((error: unknown) => {
          pending.delete(importId);
          request.log.error({ err: error }, 'import failed');
          reject(error);
        })
        .finally(() => running.delete(importId));
    });
  }

  async function loadImport(request: FastifyRequest<ImportParams>) {
    const found = isUuid(request.params.importId) ? await findImport(ctxOf(request).tenant, request.params.importId) : undefined;
    if (!found) throw new NotFoundError();
    return found;
  }

  return async (app: FastifyInstance) => {
    app.get<{ Querystring: Record<string, string | undefined> }>('/changes', { config: { permission: importPolicy.changes } }, async (request, reply) => {
      const q = request.query;
      const filters: ChangeFilters = {};
      const errors: [string, string][] = [];
      if (q.type && (changeTypes as readonly string[]).includes(q.type)) filters.type = q.type as ChangeType;
      for (const key of ['from', 'to'] as const) {
        const v = (q[key] ?? '').trim();
        const date = v ? parseTypedDate(v) : null;
        if (date) filters[key] = date;
        else if (v) errors.push([key, `${key === 'from' ? 'From' : 'To'} date must be a real date, like 3/3/2026`]);
      }
      if (q.ward?.trim()) filters.ward = q.ward.trim().slice(0, 100);
      const { tenant } = ctxOf(request);
      // "new": found since this member of staff last marked the changes as seen (all of them if never)
      const seenAt = await changesSeenAt(tenant);
      if (q.new === '1') filters.foundAfter = seenAt ?? new Date(0);
      const page = parsePage(q.page);
      const [{ rows, total }, baseline, unseen] = await Promise.all([
        listChanges(tenant, filters, page.limit, page.offset),
        baselineImport(tenant),
        newChanges(tenant, seenAt),
      ]);
      const values = Object.fromEntries(Object.entries(q).filter(([k, v]) => k !== 'page' && typeof v === 'string' && v)) as Record<string, string>;
      return render(request, reply, 'ofsted-import/views/changes.njk', {
        changes: rows.map((c) => ({ ...c, label: changeTypeLabels[c.change_type], summary: changeSummary(c), isNew: !seenAt || c.detected_at > seenAt })),
        seenAt,
        unseen: { count: unseen.count, newest: unseen.newest?.toISOString() ?? '' },
        typeItems: [{ value: '', text: 'Any change' }, ...changeTypes.map((t) => ({ value: t, text: changeTypeLabels[t], selected: t === filters.type }))],
        values,
        baseline: baseline && { ...baseline, count: Number(baseline.new_count).toLocaleString('en-GB') },
        errors: errors.length ? formErrors(errors) : null,
        ...paginationView('/changes', values, page.page, total, page.limit),
      }, errors.length ? 400 : 200);
    });

    // Marks the changes listed as new as seen: up to the newest one the page showed, so a change found
    // by an import that finished meanwhile stays new.
    app.post('/changes/seen', { config: { permission: importPolicy.changes } }, async (request, reply) => {
      const { tenant } = ctxOf(request);
      const body = (request.body ?? {}) as Record<string, unknown>;
      const shown = typeof body.upTo === 'string' ? new Date(body.upTo) : null;
      const now = deps.clock.now();
      // the page's time is to the millisecond, the database's finer: the mark goes just past the newest shown
      const upTo = shown && !Number.isNaN(shown.getTime()) ? new Date(shown.getTime() + 1) : now;
      await markChangesSeen(tenant, upTo < now ? upTo : now);
      setFlash(reply, 'Changes marked as seen');
      return reply.redirect('/changes', 303);
    });

    app.get('/imports', { config: { permission: importPolicy.manage } }, async (request, reply) =>
      render(request, reply, 'ofsted-import/views/history.njk', { imports: await importHistory(ctxOf(request).tenant) }),
    );

    app.get('/imports/new', { config: { permission: importPolicy.manage } }, async (request, reply) =>
      render(request, reply, 'ofsted-import/views/upload.njk'),
    );

    app.post('/imports', { config: { permission: importPolicy.manage } }, async (request, reply) => {
      const showError = (message: string, status = 400) =>
        render(request, reply, 'ofsted-import/views/upload.njk', { errors: formErrors([['file', message]]) }, status);
      if (!request.isMultipart()) return showError('Select an Ofsted CSV or XML file');
      const file = await request.file({ limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 5 } });
      if (!file || !file.filename) return showError('Select an Ofsted CSV or XML file');
      const bytes = await file.toBuffer().catch(() => null);
      if (!bytes || file.file.truncated) return showError('The file must be smaller than 100 MB', 413);
      if (bytes.length === 0) return showError('The selected file is empty');
      // a file with far fewer rows than the register holds is refused until the user confirms it (16.8)
      const currentId = await startImport(request, bytes, file.filename.slice(0, 200), true);
      return reply.redirect(`/imports/${currentId}`, 303);
    });

    // "Import anyway": the file refused as short, imported now that its uploader has confirmed it is the whole file
    app.post<ImportParams>('/imports/:importId/confirm', { config: { permission: importPolicy.manage } }, async (request, reply) => {
      const found = await loadImport(request);
      const held = heldFor(found.id, ctxOf(request).user.id);
      if (!held) {
        setFlash(reply, 'EY Hub no longer holds that file: upload it again');
        return reply.redirect('/imports/new', 303);
      }
      pending.delete(found.id);
      const currentId = await startImport(request, held.bytes, held.fileName, false);
      return reply.redirect(`/imports/${currentId}`, 303);
    });

    app.get<ImportParams>('/imports/:importId', { config: { permission: importPolicy.manage } }, async (request, reply) => {
      const found = await loadImport(request);
      const ctx = ctxOf(request);
      const [moves, noLa] = await Promise.all([movesOf(ctx.tenant, found.id), isAdmin(ctx.user.role) ? noLaRejections(ctx.tenant, found.id) : 0]);
      const confirmable = found.status === 'rejected' && heldFor(found.id, ctx.user.id) !== undefined;
      return render(request, reply, 'ofsted-import/views/show.njk', { imp: found, noLa, confirmable, progress: running.get(found.id) ?? null, summaryLines: summaryLines(found.older_count, moves, [coverageOf(found)]) });
    });

    app.get<ImportParams>('/imports/:importId/progress', { config: { permission: importPolicy.manage } }, async (request, reply) => {
      const found = await loadImport(request);
      return reply.header('cache-control', 'no-store').send(progressReport(found.status, running.get(found.id)));
    });

    app.get<ImportParams>('/imports/:importId/rejections.csv', { config: { permission: importPolicy.manage } }, async (request, reply) => {
      const found = await loadImport(request);
      const ctx = ctxOf(request);
      const rows = await rejectionsOf(ctx.tenant, found.id, isAdmin(ctx.user.role));
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="rejected-rows-${found.id.slice(0, 8)}.csv"`)
        .send(toCsv(['Row', 'Column', 'Reason', 'URN', 'Local authority'], rows.map((r) => [r.row_number, r.column_name, r.reason, r.urn, r.la_code ?? 'None'])));
    });
  };
}
