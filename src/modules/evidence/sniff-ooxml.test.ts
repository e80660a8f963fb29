import { describe, expect, it } from 'vitest';
import { sniff } from './sniff.js';

/** A zip with stored (uncompressed) entries, as the tests need; CRCs are not checked by sniff. */
function zip(entries: Record<string, string>): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of Object.entries(entries)) {
    const nameBytes = Buffer.from(name, 'utf8');
    const data = Buffer.from(content, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    locals.push(local, nameBytes, data);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4);
    entry.writeUInt16LE(20, 6);
    entry.writeUInt32LE(data.length, 20);
    entry.writeUInt32LE(data.length, 24);
    entry.writeUInt16LE(nameBytes.length, 28);
    entry.writeUInt32LE(offset, 42);
    central.push(entry, nameBytes);
    offset += 30 + nameBytes.length + data.length;
  }
  const dir = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(entries).length, 8);
  end.writeUInt16LE(Object.keys(entries).length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}

const docx = { '[Content_Types].xml': '<Types/>', '_rels/.rels': '<Relationships/>', 'word/document.xml': '<w:document/>' };

describe('a Word document (.docx) is a real OOXML package', () => {
  it('accepts a zip holding [Content_Types].xml and word/document.xml', () => {
    expect(sniff(zip(docx))?.extension).toBe('docx');
  });

  it('refuses a zip without them, even when "word/" appears in its bytes', () => {
    expect(sniff(zip({ '[Content_Types].xml': '<Types/>', 'word/other.xml': 'x' }))).toBeNull();
    expect(sniff(zip({ 'word/document.xml': 'x' }))).toBeNull();
    expect(sniff(zip({ 'xl/workbook.xml': 'word/document.xml [Content_Types].xml' }))).toBeNull();
  });

  it('refuses polyglots: anything before the package or after its end', () => {
    const real = zip(docx);
    expect(sniff(Buffer.concat([real, Buffer.from('<html><script>alert(1)</script></html>')]))).toBeNull();
    expect(sniff(Buffer.concat([Buffer.from('PK\u0003\u0004<script>'), real]))).toBeNull();
  });

  it('refuses a directory that lies about where its entries are, and a truncated file', () => {
    const real = zip(docx);
    const lying = Buffer.from(real);
    const dirStart = lying.readUInt32LE(lying.length - 6);
    lying.writeUInt32LE(7, dirStart + 42); // first entry's local header moved to nonsense
    expect(sniff(lying)).toBeNull();
    expect(sniff(real.subarray(0, real.length - 5))).toBeNull();
    expect(sniff(Buffer.from([0x50, 0x4b, 0x03, 0x04]))).toBeNull();
  });
});
