import { describe, expect, it } from 'vitest';
import { safeReturnTo } from './schemas.js';

describe('returnTo after sign-in', () => {
  it('keeps a path on this service, with its query', () => {
    expect(safeReturnTo('/providers/EY123456?tab=visits&q=a%20b')).toBe('/providers/EY123456?tab=visits&q=a%20b');
    expect(safeReturnTo('/')).toBe('/');
  });

  it.each([
    ['another site', '//evil.example/'],
    ['a scheme', 'https://evil.example/'],
    ['javascript', 'javascript:alert(1)'],
    ['a backslash', '/\\evil.example'],
    ['a backslash later', '/x\\..\\\\evil.example'],
    ['a tab browsers drop', '/\t/evil.example'],
    ['a newline', '/\n/evil.example'],
    ['a bare carriage return', '/a\rb'],
    ['a NUL', '/a\u0000'],
    ['an encoded double slash', '/%2F%2Fevil.example'],
    ['an encoded backslash', '/%5Cevil.example'],
    ['an encoded newline', '/a%0d%0aSet-Cookie:x'],
    ['broken escapes', '/%E0%A4%A'],
    ['nothing', ''],
    ['a relative path', 'providers'],
  ])('refuses %s', (_, value) => {
    expect(safeReturnTo(value)).toBe('/');
  });
});
