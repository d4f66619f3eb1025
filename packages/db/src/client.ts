import { mkdirSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import pg from "pg";
import * as schema from "./schema";

export type Schema = typeof schema;
/** The drizzle database, the same type whichever engine is underneath. */
export type Database = PgDatabase<PgQueryResultHKT, Schema>;
/** The `tx` of `db.transaction`, named once so code that runs inside one need not spell out the generics. */
export type Transaction = Parameters<Parameters<Database["transaction"]>[0]>[0];
export type DatabaseKind = "pglite" | "postgres";

export interface DatabaseHandle {
  db: Database;
  kind: DatabaseKind;
  /** Round trip to the engine; throws when it is unreachable. */
  ping(): Promise<void>;
  close(): Promise<void>;
  /** Only one of these is set, depending on `kind`. */
  pglite?: PGlite;
  pool?: pg.Pool;
}

export type DatabaseConfig =
  | { kind: "postgres"; url: string; maxConnections?: number }
  | { kind: "pglite"; dataDir?: string };

const casing = "snake_case";

/**
 * PGlite's own start parameters, plus a smaller buffer cache. PostgreSQL touches all of
 * shared_buffers when it starts, and in PGlite that is WebAssembly memory of the app's own process:
 * the default 128 MB was about half of the idle server's resident memory. A series' database is a few
 * megabytes, and the file system cache still holds what does not fit (see BENCHMARKS.md, "Production memory").
 */
export const PGLITE_START_PARAMS = [...PGlite.defaultStartParams, "-c", "shared_buffers=16MB"];

export function createDatabase(config: DatabaseConfig): DatabaseHandle {
  if (config.kind === "postgres") {
    const pool = new pg.Pool({ connectionString: config.url, max: config.maxConnections ?? 10 });
    // An idle client that loses its server must not crash the process; the next query reports it.
    pool.on("error", () => {});
    // The pool listens only to idle clients. One checked out for a transaction whose server goes away
    // between two statements would emit an error nobody hears and end the process; its caller learns
    // of it from the next statement, which fails.
    pool.on("connect", (client) => {
      client.on("error", () => {});
    });
    const db = drizzlePg({ client: pool, schema, casing }) as unknown as Database;
    return {
      db,
      kind: "postgres",
      pool,
      ping: async () => {
        await pool.query("select 1");
      },
      close: () => pool.end(),
    };
  }
  if (config.dataDir) mkdirSync(config.dataDir, { recursive: true });
  // No dataDir: an in-memory database, used by tests.
  const client = new PGlite(config.dataDir, { startParams: PGLITE_START_PARAMS });
  const db = drizzlePglite({ client, schema, casing }) as unknown as Database;
  return {
    db,
    kind: "pglite",
    pglite: client,
    ping: async () => {
      if (client.closed) throw new Error("PGlite is closed");
      await client.query("select 1");
    },
    close: () => (client.closed ? Promise.resolve() : client.close()),
  };
}
