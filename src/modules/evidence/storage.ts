import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { safeFileName, sniff } from './sniff.js';

export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

export interface StoredFile {
  fileName: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  storageKey: string;
  /** other text fields sent before the file (e.g. a comment) */
  fields: Record<string, string>;
}

export type UploadResult = { ok: true; file: StoredFile } | { ok: false; message: string; status: number };

/**
 * Reads one uploaded file (multipart), checks its type by content and its size, and stores it under
 * uploadsDir/<la_code>/<random key>: never under the uploaded name, never in the web root.
 */
export async function storeUpload(request: FastifyRequest, uploadsDir: string, laCode: string): Promise<UploadResult> {
  const fail = (message: string, status = 400): UploadResult => ({ ok: false, message, status });
  if (!request.isMultipart()) return fail('Choose a file to upload');
  const file = await request.file({ limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 5 } });
  if (!file || !file.filename) return fail('Choose a file to upload');
  const bytes = await file.toBuffer().catch(() => null);
  if (!bytes || file.file.truncated) return fail('The file must be smaller than 10 MB', 413);
  if (bytes.length === 0) return fail('The file you chose is empty');
  const kind = sniff(bytes);
  if (!kind) return fail('The file must be a PDF, a Word document or a photo (JPEG, PNG or GIF)');
  const fields: Record<string, string> = {};
  for (const [name, field] of Object.entries(file.fields)) {
    const value = Array.isArray(field) ? field[0] : field;
    if (value && value.type === 'field' && typeof value.value === 'string') fields[name] = value.value;
  }
  const key = randomUUID();
  await writeWhole(path.join(uploadsDir, laCode), key, bytes);
  return { ok: true, file: { fileName: safeFileName(file.filename, kind), contentType: kind.contentType, sizeBytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex'), storageKey: key, fields } };
}

/**
 * Writes the bytes under a temporary name and renames them into place, so a write that fails half
 * way (disk full, crash) never leaves a partial file under a key; the temporary file is removed.
 */
export async function writeWhole(dir: string, key: string, bytes: Buffer): Promise<void> {
  await mkdir(dir, { recursive: true });
  const partial = path.join(dir, `.${key}.part`);
  try {
    await writeFile(partial, bytes, { flag: 'wx' });
    await rename(partial, path.join(dir, key));
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
}

/** Removes a stored file whose record was never saved. */
export async function discardUpload(uploadsDir: string, laCode: string, file: Pick<StoredFile, 'storageKey'>): Promise<void> {
  await rm(path.join(uploadsDir, laCode, file.storageKey), { force: true });
}

/**
 * Runs the save of an uploaded file's record; when it fails (a lost race, a database error) the
 * stored file is removed before the error goes on, so no file is left without a record.
 */
export async function saveUploadRecord<R>(uploadsDir: string, laCode: string, file: StoredFile, save: () => Promise<R>): Promise<R> {
  try {
    return await save();
  } catch (error) {
    await discardUpload(uploadsDir, laCode, file);
    throw error;
  }
}

/** Sends a stored file as an attachment (never rendered inline, type not sniffed by the browser). */
export async function sendStored(uploadsDir: string, reply: FastifyReply, file: { file_name: string; content_type: string; storage_key: string; la_code: string }) {
  const bytes = await readFile(path.join(uploadsDir, file.la_code, file.storage_key));
  return reply
    .header('content-type', file.content_type)
    .header('content-disposition', `attachment; filename="${file.file_name.replace(/"/g, '')}"`)
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'no-store')
    .send(bytes);
}
