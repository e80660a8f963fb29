import {
  sql,
  type DeleteQueryBuilder,
  type DeleteResult,
  type Insertable,
  type Kysely,
  type SelectQueryBuilder,
  type UpdateQueryBuilder,
  type UpdateResult,
} from 'kysely';
import type { DB, Role } from './types.js';

/** Who is asking: every repository query is limited to this local authority (and, for provider users, these providers). */
export interface Scope {
  laCode: string;
  userId: string;
  role: Role;
  userEmail?: string;
  providerIds?: readonly string[];
}

/** Tables that carry `la_code`. */
export type TenantTable = {
  [K in keyof DB]: 'la_code' extends keyof DB[K] ? K : never;
}[keyof DB];

type TenantInsert<T extends TenantTable> = Omit<Insertable<DB[T]>, 'la_code'>;

/**
 * The only way repositories reach domain tables. Each builder starts already
 * filtered by the scope's `la_code`, and inserts have it filled in, so a
 * query for another local authority's rows cannot be written by accident.
 * Repositories are given a TenantDb, never the bare Kysely instance.
 */
export class TenantDb {
  constructor(
    private readonly db: Kysely<DB>,
    readonly scope: Scope,
  ) {}

  private laFilter(table: TenantTable) {
    return sql.ref(`${table}.la_code`);
  }

  selectFrom<T extends TenantTable>(table: T): SelectQueryBuilder<DB, T, object> {
    const qb = this.db.selectFrom(table as TenantTable) as unknown as SelectQueryBuilder<DB, T, object>;
    return qb.where(this.laFilter(table), '=', this.scope.laCode);
  }

  updateTable<T extends TenantTable>(table: T): UpdateQueryBuilder<DB, T, T, UpdateResult> {
    const qb = this.db.updateTable(table as TenantTable) as unknown as UpdateQueryBuilder<DB, T, T, UpdateResult>;
    return qb.where(this.laFilter(table), '=', this.scope.laCode);
  }

  deleteFrom<T extends TenantTable>(table: T): DeleteQueryBuilder<DB, T, DeleteResult> {
    const qb = this.db.deleteFrom(table as TenantTable) as unknown as DeleteQueryBuilder<DB, T, DeleteResult>;
    return qb.where(this.laFilter(table), '=', this.scope.laCode);
  }

  insertInto<T extends TenantTable>(table: T, values: TenantInsert<T> | readonly TenantInsert<T>[]) {
    const rows = (Array.isArray(values) ? values : [values]).map(
      (row: TenantInsert<T>) => ({ ...row, la_code: this.scope.laCode }) as unknown as Insertable<DB[T]>,
    );
    return this.db.insertInto(table).values(rows as never);
  }

  /**
   * For set-based jobs that take their own `la_code` filter (the pathway engine runs for one
   * LA's staff entries here and for every LA in a national import): the bare connection.
   */
  forJob<R>(fn: (db: Kysely<DB>) => Promise<R>): Promise<R> {
    return fn(this.db);
  }

  /** Runs `fn` in one transaction. Inside it use only the TenantDb it is given. */
  transaction<R>(fn: (tx: TenantDb) => Promise<R>): Promise<R> {
    if (this.db.isTransaction) return fn(this);
    return this.db.transaction().execute((trx) => fn(new TenantDb(trx, this.scope)));
  }
}
