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
    // a zip: a Word document is an OOXML package with [Content_Types].xml and word/document.xml
    const names = zipEntryNames(bytes);
    if (names?.has('[Content_Types].xml') && names.has('word/document.xml')) {
      return { contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', extension: 'docx', label: 'Word document' };
    }
  }
  return null;
}

/**
 * The entry names of a zip file read from its central directory, or null when it is not a plain,
 * whole zip: it must start with its first entry and end with its end-of-directory record (nothing
 * before or after, as a polyglot has), the directory must sit just before that record, and every
 * entry's local header must be where the directory says and carry the same name. ZIP64 is refused.
 */
function zipEntryNames(bytes: Uint8Array): Set<string> | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u16 = (at: number) => view.getUint16(at, true);
  const u32 = (at: number) => view.getUint32(at, true);
  const EOCD = 0x06054b50;
  let eocd = -1;
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 0xffff); at--) {
    if (u32(at) === EOCD && at + 22 + u16(at + 20) === bytes.length) {
      eocd = at;
      break;
    }
  }
  if (eocd < 0) return null;
  const entries = u16(eocd + 10);
  const dirSize = u32(eocd + 12);
  const dirStart = u32(eocd + 16);
  if (u16(eocd + 4) !== 0 || u16(eocd + 6) !== 0 || entries !== u16(eocd + 8)) return null; // one disk only
  if (entries === 0xffff || dirStart === 0xffffffff || dirStart + dirSize !== eocd) return null;
  const names = new Set<string>();
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let at = dirStart;
  let firstLocal = Infinity;
  try {
    for (let i = 0; i < entries; i++) {
      if (at + 46 > eocd || u32(at) !== 0x02014b50) return null;
      const nameLength = u16(at + 28);
      const local = u32(at + 42);
      const name = decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength));
      if (local + 30 + nameLength > dirStart || u32(local) !== 0x04034b50 || u16(local + 26) !== nameLength) return null;
      if (decoder.decode(bytes.subarray(local + 30, local + 30 + nameLength)) !== name) return null;
      names.add(name);
      firstLocal = Math.min(firstLocal, local);
      at += 46 + nameLength + u16(at + 30) + u16(at + 32);
    }
  } catch {
    return null;
  }
  return at === eocd && firstLocal === 0 ? names : null;
}

/** A file name safe to put in a Content-Disposition header and on disk listings. */
export function safeFileName(name: string, kind: FileKind): string {
  const base = name.replace(/\.[^.]*$/, '').replace(/[^\w .()-]+/g, '_').trim().slice(0, 100) || 'evidence';
  return `${base}.${kind.extension}`;
}
