import { readFileSync } from 'node:fs';
import path from 'node:path';
import { srcDir } from '../../platform/paths.js';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/types.js';

interface LocalAuthorityRecord {
  laCode: string;
  name: string;
  gssCode: string;
  region: string;
  ofstedNames: string[];
  status: 'current' | 'former';
  replacedBy: string[];
}

const dataFile = path.join(srcDir, 'modules', 'local-authorities', 'data', 'local-authorities.json');

/** Every English local authority with its DfE/Ofsted code, shipped as data. */
export function loadLocalAuthorityData(): LocalAuthorityRecord[] {
  const parsed = JSON.parse(readFileSync(dataFile, 'utf8')) as { localAuthorities: LocalAuthorityRecord[] };
  return parsed.localAuthorities;
}

/**
 * Reference data, not tenant data: the list is global. Upserts the shipped list
 * so a corrected data file reaches existing databases on the next start.
 */
export async function syncLocalAuthorities(db: Kysely<DB>): Promise<void> {
  const rows = loadLocalAuthorityData().map((la) => ({
    la_code: la.laCode,
    name: la.name,
    gss_code: la.gssCode,
    region: la.region,
    ofsted_names: la.ofstedNames,
    status: la.status,
    replaced_by: la.replacedBy,
  }));
  await db
    .insertInto('local_authorities')
    .values(rows)
    .onConflict((oc) =>
      oc.column('la_code').doUpdateSet({
        name: sql`excluded.name`,
        gss_code: sql`excluded.gss_code`,
        region: sql`excluded.region`,
        ofsted_names: sql`excluded.ofsted_names`,
        status: sql`excluded.status`,
        replaced_by: sql`excluded.replaced_by`,
      }),
    )
    .execute();
}

export async function findLocalAuthority(db: Kysely<DB>, laCode: string) {
  return db.selectFrom('local_authorities').selectAll().where('la_code', '=', laCode).executeTakeFirst();
}
