import pg from 'pg';

/** Runs `fn` against a fresh PostgreSQL database made for it on the server at `url`, then drops it. */
export async function withPostgresDatabase<T>(url: string, fn: (dbUrl: string) => Promise<T>): Promise<T> {
  const name = `eyhub_bench_${Date.now()}_${process.pid}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  try {
    const dbUrl = new URL(url);
    dbUrl.pathname = `/${name}`;
    return await fn(dbUrl.toString());
  } finally {
    if (process.env.BENCH_KEEP !== '1') await admin.query(`drop database if exists ${name}`);
    await admin.end();
  }
}
