import { isIP } from 'node:net';

/*
 * TRUST_PROXY: which hops in front of the service may speak for the client (X-Forwarded-For,
 * -Proto, -Host). Only the proxies listed are believed: Fastify walks X-Forwarded-For from the
 * right, skipping these addresses, and the first address that is not one of them is the client,
 * so a client cannot choose its own address by sending the header. "true" (believe anyone) is
 * refused: it let every attempt claim a new address.
 */

const NAMED_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal']);

function validEntry(entry: string): boolean {
  if (NAMED_RANGES.has(entry)) return true;
  const [address, prefix, extra] = entry.split('/');
  if (extra !== undefined || !address) return false;
  const family = isIP(address);
  if (family === 0) return false;
  if (prefix === undefined) return true;
  if (!/^\d{1,3}$/.test(prefix)) return false;
  return Number(prefix) <= (family === 4 ? 32 : 128);
}

export type TrustProxy = false | string[];

/** `false`, or a comma-separated list of addresses, CIDR ranges and loopback/linklocal/uniquelocal. */
export function parseTrustProxy(value: string): { ok: true; value: TrustProxy } | { ok: false; message: string } {
  const text = value.trim().toLowerCase();
  if (text === '' || text === 'false' || text === '0' || text === 'no') return { ok: true, value: false };
  if (text === 'true' || text === '1' || text === 'yes') {
    return { ok: false, message: 'list the addresses or CIDR ranges of your proxies (e.g. 10.0.0.0/8 or loopback), not true' };
  }
  const entries = text.split(',').map((e) => e.trim()).filter((e) => e !== '');
  const bad = entries.filter((e) => !validEntry(e));
  if (bad.length > 0) return { ok: false, message: `not an IP address, CIDR range or loopback/linklocal/uniquelocal: ${bad.join(', ')}` };
  return { ok: true, value: entries };
}
