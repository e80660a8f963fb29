import { describe, expect, it } from 'vitest';
import { safeFileName, sniff } from './sniff.js';

describe('evidence file types are read from the content, not the name', () => {
  it('accepts PDF, images and Word documents', () => {
    expect(sniff(Buffer.from('%PDF-1.7\n'))?.contentType).toBe('application/pdf');
    expect(sniff(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))?.extension).toBe('png');
    expect(sniff(Buffer.from([0xff, 0xd8, 0xff, 0xe0]))?.extension).toBe('jpg');
    // a real Word document (an OOXML package) is tested in sniff-ooxml.test.ts; a zip's signature and a name are not enough
    expect(sniff(Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from('....word/document.xml')]))).toBeNull();
    expect(sniff(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))?.extension).toBe('doc');
  });
  it('refuses anything else, whatever it is called', () => {
    expect(sniff(Buffer.from('<html><script>alert(1)</script>'))).toBeNull();
    expect(sniff(Buffer.from('MZ\x90\x00'))).toBeNull();
    expect(sniff(Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from('xl/workbook.xml')]))).toBeNull();
  });
  it('names the stored file by what it is', () => {
    expect(safeFileName('first aid "certs".exe', { contentType: 'application/pdf', extension: 'pdf', label: 'PDF' })).toBe('first aid _certs_.pdf');
  });
});
