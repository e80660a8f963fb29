import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { parseTrustProxy, type TrustProxy } from './proxy.js';

/**
 * The only reader of process.env. Every variable is listed in README.md's
 * configuration table; a bad value stops start-up with a message naming it.
 */
const booleanish = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  /** PostgreSQL: the schema owner's connection, for migrations only; DATABASE_URL's role then cannot change or empty the audit log (README) */
  DATABASE_MIGRATION_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(30),
  SESSION_MAX_HOURS: z.coerce.number().int().min(1).max(72).default(12),
  SIGN_IN_RATE_LIMIT: z.coerce.number().int().min(1).default(10),
  LOCKOUT_ATTEMPTS: z.coerce.number().int().min(1).default(5),
  LOCKOUT_MINUTES: z.coerce.number().int().min(1).default(15),
  SIGN_IN_ACCOUNT_ATTEMPTS: z.coerce.number().int().min(1).default(50),
  DEMO_LA_CODE: z.string().regex(/^\d{3}$/, 'must be a 3-digit local authority code').default('886'),
  SEED_DEMO: booleanish.optional(),
  SMTP_URL: z.string().regex(/^smtps?:\/\//, 'must start smtp:// or smtps://').optional(),
  MAIL_FROM: z.string().min(3).default('EY Hub <no-reply@ey-hub.example>'),
  MAIL_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  /** the council's Early Years and Childcare team, named in the accessibility statement */
  EY_TEAM_EMAIL: z.string().email().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TRUST_PROXY: z
    .string()
    .default('false')
    .transform((v, ctx) => {
      const parsed = parseTrustProxy(v);
      if (parsed.ok) return parsed.value;
      ctx.addIssue({ code: 'custom', message: parsed.message });
      return z.NEVER;
    }),
  /** where users reach the service: links in e-mails and calendar feeds are made from it, never from the Host header */
  PUBLIC_BASE_URL: z
    .string()
    .regex(/^https?:\/\/[^/?#\s]+(\/[^?#\s]*)?$/, 'must be the service’s address, like https://eyhub.example.gov.uk')
    .transform((v) => v.replace(/\/+$/, ''))
    .optional(),
  BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).default(1024 * 1024),
});

export type Env = z.infer<typeof envSchema>;

export interface Config {
  env: Env['NODE_ENV'];
  isProduction: boolean;
  port: number;
  host: string;
  dataDir: string;
  database: { kind: 'pglite'; dataDir: string | null } | { kind: 'postgres'; url: string; /** migrations run as this (the owner) when set */ migrationUrl?: string };
  session: { secret: string; idleMinutes: number; maxHours: number; secureCookie: boolean };
  /**
   * lockoutAttempts: password checks for one e-mail address from one IP address before each
   * further one waits (1, 2, 4 … up to lockoutMinutes minutes); accountAttempts: checks for one
   * address from anywhere before each further one waits a minute. Nothing locks an account.
   */
  signIn: { rateLimitPerMinute: number; lockoutAttempts: number; lockoutMinutes: number; accountAttempts: number };
  demo: { laCode: string; seedOnEmpty: boolean };
  logLevel: Env['LOG_LEVEL'];
  /** the proxies whose X-Forwarded-* headers are believed (src/config/proxy.ts) */
  trustProxy: TrustProxy;
  /** e.g. https://eyhub.example.gov.uk (no trailing slash); links sent to people start with it */
  publicBaseUrl: string;
  bodyLimit: number;
  /** without an SMTP server e-mails wait in the outbox, where admins can read them */
  /** retentionDays: the body and attachments of a sent e-mail are purged after this many days */
  mail: { smtpUrl: string | null; from: string; retentionDays: number };
  /** where users report problems (the accessibility statement); null until the council sets it */
  eyTeamEmail: string | null;
  /** uploaded evidence, outside the web root (DATA_DIR/uploads) */
  uploadsDir: string;
}

export class ConfigError extends Error {}

export function parseEnv(source: Record<string, string | undefined>): Env {
  const cleaned = Object.fromEntries(
    Object.entries(source).filter(([, v]) => v !== undefined && v !== ''),
  );
  const result = envSchema.safeParse(cleaned);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  if (result.data.NODE_ENV === 'production') {
    const missing = [
      result.data.SESSION_SECRET ? null : '  SESSION_SECRET: required when NODE_ENV=production (at least 32 characters)',
      result.data.PUBLIC_BASE_URL
        ? null
        : '  PUBLIC_BASE_URL: required when NODE_ENV=production (the address users reach the service at, like https://eyhub.example.gov.uk)',
    ].filter((line) => line !== null);
    if (missing.length > 0) throw new ConfigError(`Invalid configuration:\n${missing.join('\n')}`);
  }
  return result.data;
}

/** In development the session secret is generated once and kept in the data directory. */
function developmentSecret(dataDir: string): string {
  const file = path.join(dataDir, 'session-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('hex');
  writeFileSync(file, secret + '\n', { mode: 0o600 });
  return secret;
}

export function buildConfig(env: Env): Config {
  const dataDir = path.resolve(env.DATA_DIR);
  const isProduction = env.NODE_ENV === 'production';
  return {
    env: env.NODE_ENV,
    isProduction,
    port: env.PORT,
    host: env.HOST,
    dataDir,
    database: env.DATABASE_URL
      ? { kind: 'postgres', url: env.DATABASE_URL, ...(env.DATABASE_MIGRATION_URL ? { migrationUrl: env.DATABASE_MIGRATION_URL } : {}) }
      : { kind: 'pglite', dataDir: path.join(dataDir, 'pglite') },
    session: {
      secret: env.SESSION_SECRET ?? developmentSecret(dataDir),
      idleMinutes: env.SESSION_IDLE_MINUTES,
      maxHours: env.SESSION_MAX_HOURS,
      secureCookie: isProduction,
    },
    signIn: {
      rateLimitPerMinute: env.SIGN_IN_RATE_LIMIT,
      lockoutAttempts: env.LOCKOUT_ATTEMPTS,
      lockoutMinutes: env.LOCKOUT_MINUTES,
      accountAttempts: env.SIGN_IN_ACCOUNT_ATTEMPTS,
    },
    demo: { laCode: env.DEMO_LA_CODE, seedOnEmpty: env.SEED_DEMO ?? !isProduction },
    logLevel: env.LOG_LEVEL,
    trustProxy: env.TRUST_PROXY,
    publicBaseUrl: env.PUBLIC_BASE_URL ?? `http://${env.HOST === '0.0.0.0' ? '127.0.0.1' : env.HOST}:${env.PORT}`,
    bodyLimit: env.BODY_LIMIT_BYTES,
    mail: { smtpUrl: env.SMTP_URL ?? null, from: env.MAIL_FROM, retentionDays: env.MAIL_RETENTION_DAYS },
    eyTeamEmail: env.EY_TEAM_EMAIL ?? null,
    uploadsDir: path.join(dataDir, 'uploads'),
  };
}

export function loadConfig(source: Record<string, string | undefined> = process.env): Config {
  return buildConfig(parseEnv(source));
}
