import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './index.js';

describe('configuration', () => {
  it('defaults to embedded PGlite in ./data', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'eyhub-config-'));
    const config = loadConfig({ DATA_DIR: dir });
    expect(config.database).toEqual({ kind: 'pglite', dataDir: path.join(dir, 'pglite') });
    expect(config.port).toBe(3000);
  });

  it('switches to PostgreSQL when DATABASE_URL is set', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://u@localhost/x', SESSION_SECRET: 'x'.repeat(32) });
    expect(config.database).toEqual({ kind: 'postgres', url: 'postgres://u@localhost/x' });
  });

  it('stops with a message naming the bad variable', () => {
    expect(() => loadConfig({ PORT: 'eighty', SESSION_SECRET: 'x'.repeat(32) })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: 'eighty', SESSION_SECRET: 'x'.repeat(32) })).toThrow(/PORT/);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x', SESSION_SECRET: 'x'.repeat(32) })).toThrow(/DATABASE_URL: must start with postgres/);
  });

  it('requires SESSION_SECRET in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/SESSION_SECRET: required when NODE_ENV=production/);
    const config = loadConfig({ NODE_ENV: 'production', SESSION_SECRET: 's'.repeat(40), PUBLIC_BASE_URL: 'https://eyhub.example.gov.uk/' });
    expect(config.session.secureCookie).toBe(true);
    expect(config.demo.seedOnEmpty).toBe(false);
  });

  it('requires PUBLIC_BASE_URL in production, the address links sent to people start with', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', SESSION_SECRET: 's'.repeat(40) })).toThrow(/PUBLIC_BASE_URL: required when NODE_ENV=production/);
    expect(() => loadConfig({ PUBLIC_BASE_URL: 'eyhub.example', SESSION_SECRET: 's'.repeat(40) })).toThrow(/PUBLIC_BASE_URL: must be the service’s address/);
    const config = loadConfig({ NODE_ENV: 'production', SESSION_SECRET: 's'.repeat(40), PUBLIC_BASE_URL: 'https://eyhub.example.gov.uk/hub/' });
    expect(config.publicBaseUrl).toBe('https://eyhub.example.gov.uk/hub');
    expect(loadConfig({ SESSION_SECRET: 's'.repeat(40), PORT: '8080' }).publicBaseUrl).toBe('http://127.0.0.1:8080');
  });

  it('generates a development session secret once and keeps it in the data directory', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'eyhub-config-'));
    const first = loadConfig({ DATA_DIR: dir }).session.secret;
    const second = loadConfig({ DATA_DIR: dir }).session.secret;
    expect(first).toHaveLength(64);
    expect(second).toBe(first);
    expect(readFileSync(path.join(dir, 'session-secret'), 'utf8').trim()).toBe(first);
  });
});
