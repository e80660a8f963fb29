import { createReadStream } from 'node:fs';

/** Windows-1252 differs from Latin-1 only in 0x80-0x9F; Node's decoder treats it as Latin-1. */
const CP1252_HIGH: Record<number, string> = {
  0x80: '€', 0x82: '‚', 0x83: 'ƒ', 0x84: '„', 0x85: '…', 0x86: '†', 0x87: '‡', 0x88: 'ˆ', 0x89: '‰',
  0x8a: 'Š', 0x8b: '‹', 0x8c: 'Œ', 0x8e: 'Ž', 0x91: '‘', 0x92: '’', 0x93: '“', 0x94: '”', 0x95: '•',
  0x96: '–', 0x97: '—', 0x98: '˜', 0x99: '™', 0x9a: 'š', 0x9b: '›', 0x9c: 'œ', 0x9e: 'ž', 0x9f: 'Ÿ',
};

export function decodeCp1252(bytes: Uint8Array): string {
  let out = '';
  const CHUNK = 8192;
  for (let start = 0; start < bytes.length; start += CHUNK) {
    const part = bytes.subarray(start, start + CHUNK);
    const chars: string[] = new Array(part.length);
    for (let i = 0; i < part.length; i++) {
      const b = part[i]!;
      chars[i] = b >= 0x80 && b <= 0x9f ? (CP1252_HIGH[b] ?? String.fromCharCode(b)) : String.fromCharCode(b);
    }
    out += chars.join('');
  }
  return out;
}

export type Encoding = 'utf-8' | 'utf-8-bom' | 'windows-1252';

/** NBSP becomes a plain space: Ofsted's files use it inside names ("Islington\u00a0"). */
export function cleanText(text: string): string {
  return text.replace(/\u00a0/g, ' ');
}

/** Reads a file from disk as a stream, reporting bytes read. */
export async function readFileStreamed(path: string, onBytes?: (bytesRead: number) => void): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let read = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
    const bytes = chunk as Buffer;
    chunks.push(bytes);
    read += bytes.length;
    onBytes?.(read);
  }
  return Buffer.concat(chunks);
}

/**
 * UTF-8 (with or without BOM) is tried first; bytes that are not valid UTF-8
 * mean the file is Windows-1252 (Ofsted's older and several newer files are).
 */
export function decodeBytes(bytes: Uint8Array): { text: string; encoding: Encoding } {
  const hasBom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
    return { text: cleanText(text), encoding: hasBom ? 'utf-8-bom' : 'utf-8' };
  } catch {
    return { text: cleanText(decodeCp1252(bytes)), encoding: 'windows-1252' };
  }
}
