import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseTrustProxy } from '../../config/proxy.js';
import { loadConfig } from '../../config/index.js';
import { startTestApp, type TestApp } from '../../../test/support/app.js';
import { testDatabases } from '../../../test/support/databases.js';

describe('TRUST_PROXY', () => {
  it('takes a list of proxy addresses and CIDR ranges, and refuses "true"', () => {
    expect(parseTrustProxy('false')).toEqual({ ok: true, value: false });
    expect(parseTrustProxy('10.0.0.0/8, 192.0.2.10 ,loopback,2001:db8::/32')).toEqual({ ok: true, value: ['10.0.0.0/8', '192.0.2.10', 'loopback', '2001:db8::/32'] });
    expect(parseTrustProxy('true').ok).toBe(false);
    expect(parseTrustProxy('10.0.0.0/33').ok).toBe(false);
    expect(parseTrustProxy('proxy.example').ok).toBe(false);
    expect(() => loadConfig({ TRUST_PROXY: 'true', SESSION_SECRET: 'x'.repeat(32) })).toThrow(/TRUST_PROXY: list the addresses or CIDR ranges/);
  });
});

describe('behind a proxy (TRUST_PROXY=10.0.0.1)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(testDatabases()[0]!, { TRUST_PROXY: '10.0.0.1', SIGN_IN_RATE_LIMIT: '3' });
  });
  afterAll(() => t.close());

  async function attempt(remoteAddress: string, forwardedFor: string, email: string) {
    const page = await t.app.inject({ method: 'GET', url: '/sign-in', remoteAddress, headers: { 'x-forwarded-for': forwardedFor } });
    const token = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
    const cookie = ([] as string[]).concat(page.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]).join('; ');
    return t.app.inject({
      method: 'POST',
      url: '/sign-in',
      remoteAddress,
      headers: { cookie, 'x-forwarded-for': forwardedFor, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ _csrf: token, email, password: 'wrong' }).toString(),
    });
  }
  const auditIps = async (email: string) =>
    (await t.database.db.selectFrom('audit_log').select('ip').where('user_email', '=', email).execute()).map((r) => r.ip);

  it('a client sending its own X-Forwarded-For through the proxy cannot escape the rate limit or forge its address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await attempt('10.0.0.1', `198.51.100.${i + 1}, 203.0.113.5`, 'spoof@example.org')).statusCode);
    expect(statuses).toEqual([401, 401, 401, 429]);
    expect(await auditIps('spoof@example.org')).toEqual(['203.0.113.5', '203.0.113.5', '203.0.113.5']);
  });

  it('a client that does not come through the proxy is known by its own address, whatever it sends', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await attempt('192.0.2.77', `198.51.100.${i + 1}`, 'direct@example.org')).statusCode);
    expect(statuses).toEqual([401, 401, 401, 429]);
    expect(new Set(await auditIps('direct@example.org'))).toEqual(new Set(['192.0.2.77']));
  });
});
