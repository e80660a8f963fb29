/*
 * What a file is, from its first bytes (never from its name or the browser's word for it):
 * only PDF, Word (.docx and .doc) and images (PNG, JPEG, GIF) are accepted as evidence.
 */

export interface FileKind {
  contentType: string;
  extension: string;
  label: string;
}

const starts = (bytes: Uint8Array, signature: number[]) => signature.every((b, i) => bytes[i] === b);

export function sniff(bytes: Uint8Array): FileKind | null {
  if (starts(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return { contentType: 'application/pdf', extension: 'pdf', label: 'PDF' };
  if (starts(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { contentType: 'image/png', extension: 'png', label: 'PNG image' };
  if (starts(bytes, [0xff, 0xd8, 0xff])) return { contentType: 'image/jpeg', extension: 'jpg', label: 'JPEG image' };
  if (starts(bytes, [0x47, 0x49, 0x46, 0x38])) return { contentType: 'image/gif', extension: 'gif', label: 'GIF image' };
  if (starts(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return { contentType: 'application/msword', extension: 'doc', label: 'Word document' };
  if (starts(bytes, [0x50, 0x4b, 0x03, 0x04])) {
    // a zip: a Word document has its parts under word/
    const head = Buffer.from(bytes.subarray(0, Math.min(bytes.length, 64 * 1024))).toString('latin1');
    if (head.includes('word/')) return { contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', extension: 'docx', label: 'Word document' };
  }
  return null;
}

/** A file name safe to put in a Content-Disposition header and on disk listings. */
export function safeFileName(name: string, kind: FileKind): string {
  const base = name.replace(/\.[^.]*$/, '').replace(/[^\w .()-]+/g, '_').trim().slice(0, 100) || 'evidence';
  return `${base}.${kind.extension}`;
}
