import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ActionContext } from '../../platform/context.js';
import { formatDate, londonDate } from '../../platform/dates.js';
import { formErrors } from '../../platform/forms.js';
import { render, setFlash } from '../../platform/views.js';
import { appendAudit } from '../audit-log/index.js';
import { storeUpload } from '../evidence/index.js';
import { areasOfNeed, consentPurposes, levelsOfNeed, options } from './labels.js';
import * as repo from './repository.js';
import { readReferral, referralValues, typed } from './schemas.js';
import { saveReferral } from './service.js';

/*
 * The referral form, the same for a setting in the portal and for staff on a setting's behalf:
 * `base` is where the form posts (and its files go, at base + '/files').
 */

/** the form's values; a checkbox group's are a list */
type Values = Record<string, string>;
export interface FormPlace { portal: boolean; provider: { urn: string; name: string | null } | null; action: string }

export function formLocals(place: FormPlace, values: Values, extra: Record<string, unknown> = {}) {
  const chosen = (name: string): string | string[] => (values as Record<string, string | string[] | undefined>)[name] ?? [];
  return {
    ...place, values,
    levelItems: options(levelsOfNeed, chosen('levelOfNeed')),
    areaItems: options(areasOfNeed, chosen('areasOfNeed')),
    purposeItems: options(consentPurposes, chosen('consentPurposes')),
    ...extra,
  };
}

/** The saved draft's answers, its files, and a read of the child's record in the audit log. */
export async function draftLocals(ctx: ActionContext, place: FormPlace, referral: repo.Referral, fileBase: string | null) {
  const today = londonDate(ctx.clock.now());
  const [child, settings, consents, files] = await Promise.all([
    repo.findChild(ctx.tenant, referral.child_id, today, place.portal ? referral.urn : undefined),
    repo.settingsOf(ctx.tenant, referral.child_id),
    repo.consentsOf(ctx.tenant, referral.child_id),
    repo.filesOf(ctx.tenant, referral.id),
  ]);
  await appendAudit(ctx.tenant, ctx.ip, { action: 'inclusion_child.viewed', recordType: 'inclusion_child', recordId: child.id, details: { referral: referral.id } });
  const consent = consents.find((c) => c.id === referral.consent_id) ?? null;
  const started = settings.find((s) => s.urn === referral.urn)?.started_on ?? null;
  return { child, files, fileBase, referral, consent, areaNames: child.areas_of_need.map((a) => areasOfNeed[a as keyof typeof areasOfNeed] ?? a), values: referralValues(child, referral, started, consent) };
}

/** Saves or sends the form; on a problem shows it again with what was typed. */
export async function postReferral(request: FastifyRequest, reply: FastifyReply, ctx: ActionContext, place: FormPlace & { urn: string }, referral: repo.Referral | null, done: (id: string) => string) {
  const body = (request.body ?? {}) as Record<string, unknown>;
  const submit = body.submit !== 'draft';
  const { input, problems } = readReferral(body, submit, londonDate(ctx.clock.now()));
  if (problems.length) {
    const files = referral ? await repo.filesOf(ctx.tenant, referral.id) : [];
    return render(request, reply, 'inclusion/views/referral-edit.njk', formLocals(place, typed(body), { referral, files, errors: formErrors(problems) }), 400);
  }
  const saved = await saveReferral(ctx, place.urn, referral?.id ?? null, input, submit);
  if (!submit) setFlash(reply, 'Draft saved. You can add attachments and send it when it is ready');
  else if (saved.panel) setFlash(reply, `Referral sent. It will go to the Early Years panel on ${formatDate(saved.panel.meetsOn)}${saved.panel.late ? ': it missed the cut-off for the panel before' : ''}`);
  else setFlash(reply, 'Referral sent. It will go to the next Early Years panel once its date is set');
  return reply.redirect(done(saved.id), 303);
}

/** An attachment of a draft: checked by content like all evidence, stored outside the web root. */
export async function uploadFile(request: FastifyRequest, reply: FastifyReply, ctx: ActionContext, place: FormPlace, referral: repo.Referral, uploadsDir: string, back: string) {
  if (referral.status !== 'draft') {
    setFlash(reply, 'This referral has been sent: attachments can no longer be added');
    return reply.redirect(back, 303);
  }
  const upload = await storeUpload(request, uploadsDir, ctx.tenant.scope.laCode);
  if (!upload.ok) {
    const locals = await draftLocals(ctx, place, referral, null);
    return render(request, reply, 'inclusion/views/referral-edit.njk', formLocals(place, locals.values, { referral, files: locals.files, errors: formErrors([['file', upload.message]]) }), upload.status);
  }
  const f = upload.file;
  await ctx.tenant.transaction(async (tx) => {
    const row = await tx.insertInto('inclusion_files', { referral_id: referral.id, file_name: f.fileName, content_type: f.contentType, size_bytes: f.sizeBytes, sha256: f.sha256, storage_key: f.storageKey, uploaded_by: ctx.user.id, created_at: ctx.clock.now() }).returning('id').executeTakeFirstOrThrow();
    await appendAudit(tx, ctx.ip, { action: 'inclusion_referral.file_added', recordType: 'inclusion_referral', recordId: referral.id, details: { file: row.id, bytes: f.sizeBytes } });
  });
  setFlash(reply, `${f.fileName} uploaded`);
  return reply.redirect(back, 303);
}
