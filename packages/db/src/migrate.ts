import { fileURLToPath } from "node:url";
import { readMigrationFiles } from "drizzle-orm/migrator";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import type { DatabaseHandle } from "./client";

export const migrationsFolder = fileURLToPath(new URL("../drizzle", import.meta.url));

/** Any fixed number; all instances agree on it so only one migrates at a time. */
const MIGRATION_LOCK_KEY = 7_316_001;

export interface MigrateOptions {
  /** Another folder of migrations (tests of a failing migration). */
  migrationsFolder?: string;
}

export interface MigrationStatus {
  /** Committed migrations not yet in the database. */
  pending: number;
  total: number;
}

interface Queryable {
  query(text: string): Promise<{ rows: Array<Record<string, unknown>> }>;
}

/** The newest migration the database has (drizzle keeps it as the migration folder's timestamp). */
async function lastAppliedMillis(client: Queryable): Promise<number> {
  const exists = await client.query(
    `select to_regclass('drizzle.__drizzle_migrations') is not null as "exists"`,
  );
  if (!exists.rows[0]?.exists) return -1;
  const last = await client.query(`select max(created_at)::text as "last" from drizzle.__drizzle_migrations`);
  const value = last.rows[0]?.last;
  return typeof value === "string" ? Number(value) : -1;
}

function pendingAfter(folder: string, lastMillis: number) {
  const files = readMigrationFiles({ migrationsFolder: folder });
  // The same rule drizzle's migrator applies: anything newer than the newest one applied.
  return { pending: files.filter((m) => m.folderMillis > lastMillis).length, total: files.length };
}

/** Whether the database has every committed migration (for /readyz). */
export async function migrationStatus(
  handle: DatabaseHandle,
  options: MigrateOptions = {},
): Promise<MigrationStatus> {
  const folder = options.migrationsFolder ?? migrationsFolder;
  if (handle.pglite) return pendingAfter(folder, await lastAppliedMillis(handle.pglite));
  if (!handle.pool) throw new Error("database handle has neither PGlite nor a pool");
  return pendingAfter(folder, await lastAppliedMillis(handle.pool));
}

/**
 * Applies the committed SQL migrations and returns how many this call applied. On PostgreSQL, under
 * an advisory lock: of several instances starting at once, one migrates and the others wait, then
 * find nothing left to do. drizzle applies the whole batch in one transaction, so a migration that
 * fails leaves the database as it was before the batch, and the error stops start-up.
 */
export async function migrate(handle: DatabaseHandle, options: MigrateOptions = {}): Promise<number> {
  const folder = options.migrationsFolder ?? migrationsFolder;
  if (handle.pglite) {
    const { pending } = pendingAfter(folder, await lastAppliedMillis(handle.pglite));
    if (pending > 0)
      await migratePglite(drizzlePglite({ client: handle.pglite }), { migrationsFolder: folder });
    return pending;
  }
  if (!handle.pool) throw new Error("database handle has neither PGlite nor a pool");
  const client = await handle.pool.connect();
  try {
    await client.query("select pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
    const { pending } = pendingAfter(folder, await lastAppliedMillis(client));
    if (pending > 0) await migratePg(drizzlePg({ client }), { migrationsFolder: folder });
    return pending;
  } finally {
    await client.query("select pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY]).catch(() => {});
    client.release();
  }
}
