import { createReadStream, createWriteStream } from "node:fs";
import { rename, rm } from "node:fs/promises";
import { createInterface } from "node:readline";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createGunzip, createGzip } from "node:zlib";
import { type Database, sql } from "@reeks/db";

/**
 * Backups as a logical export: every table of the app, row by row, as PostgreSQL's own JSON of each
 * row (row_to_json), gzipped, one JSON document a line. The same code reads and writes the embedded
 * database (directly, or through the running app's socket) and PostgreSQL, so a backup also moves an
 * installation from PGlite to PostgreSQL. Rows stay PostgreSQL's text from end to end (never parsed
 * into JavaScript numbers or dates), so bigints, timestamps and bytes come back exactly.
 */

export const BACKUP_FORMAT = "reeks.backup";
const BACKUP_VERSION = 1;
/** Rows per INSERT, bounded by size too: one statement's parameter stays a few MB. */
const BATCH_BYTES = 4 * 1024 * 1024;

export class BackupError extends Error {}

interface BackupHeader {
  format: typeof BACKUP_FORMAT;
  version: number;
  createdAt: string;
  /** The hashes of the applied migrations: the schema the rows fit. */
  migrations: string[];
  tables: string[];
}

type Executor = Pick<Database, "execute">;

async function rowsOf<T>(db: Executor, query: ReturnType<typeof sql>): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

const quoted = (name: string) => `"${name.replaceAll('"', '""')}"`;
const ident = (name: string) => sql.raw(quoted(name));

async function appTables(db: Executor): Promise<string[]> {
  const rows = await rowsOf<{ name: string }>(
    db,
    sql`select tablename as name from pg_tables where schemaname = 'public' order by tablename`,
  );
  return rows.map((r) => r.name);
}

async function appliedMigrations(db: Executor): Promise<string[]> {
  const rows = await rowsOf<{ hash: string }>(
    db,
    sql`select hash from drizzle.__drizzle_migrations order by created_at, id`,
  );
  return rows.map((r) => r.hash);
}

/** Tables ordered so that every table comes after the tables it references. */
async function insertOrder(db: Executor, tables: string[]): Promise<string[]> {
  const edges = await rowsOf<{ child: string; parent: string }>(
    db,
    sql`select c.relname as child, p.relname as parent
        from pg_constraint k
        join pg_class c on c.oid = k.conrelid
        join pg_class p on p.oid = k.confrelid
        join pg_namespace n on n.oid = c.relnamespace
        where k.contype = 'f' and n.nspname = 'public' and c.oid <> p.oid`,
  );
  const ordered: string[] = [];
  const state = new Map<string, "visiting" | "done">();
  const visit = (table: string) => {
    if (state.get(table) === "done") return;
    if (state.get(table) === "visiting") throw new Error(`foreign keys form a cycle through ${table}`);
    state.set(table, "visiting");
    for (const edge of edges) if (edge.child === table) visit(edge.parent);
    state.set(table, "done");
    ordered.push(table);
  };
  for (const table of tables) visit(table);
  return ordered.filter((t) => tables.includes(t));
}

/** Every app table's rows as PostgreSQL's JSON text, in one consistent snapshot. */
export async function dumpTables(db: Database): Promise<Map<string, string[]>> {
  return db.transaction(
    async (tx) => {
      const dump = new Map<string, string[]>();
      for (const table of await appTables(tx)) {
        const rows = await rowsOf<{ row: string }>(
          tx,
          sql`select row_to_json(t)::text as row from ${ident(table)} t`,
        );
        dump.set(
          table,
          rows.map((r) => r.row),
        );
      }
      return dump;
    },
    { isolationLevel: "repeatable read", accessMode: "read only" },
  );
}

/** Writes the backup to `out` (through a temporary file, so a failed backup never leaves half a one). */
export async function writeBackup(db: Database, out: string): Promise<{ tables: number; rows: number }> {
  const header: BackupHeader = {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    createdAt: new Date().toISOString(),
    migrations: await appliedMigrations(db),
    tables: [],
  };
  const dump = await dumpTables(db);
  header.tables = [...dump.keys()];
  let rows = 0;
  function* lines() {
    yield `${JSON.stringify(header)}\n`;
    for (const [table, tableRows] of dump) {
      yield `${JSON.stringify({ table, rows: tableRows.length })}\n`;
      for (const row of tableRows) {
        rows++;
        yield `${row}\n`;
      }
    }
  }
  const partial = `${out}.partial`;
  try {
    await pipeline(Readable.from(lines()), createGzip(), createWriteStream(partial, { mode: 0o600 }));
    await rename(partial, out);
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
  return { tables: dump.size, rows };
}

async function readBackup(file: string): Promise<{ header: BackupHeader; tables: Map<string, string[]> }> {
  const input = createInterface({ input: createReadStream(file).pipe(createGunzip()), crlfDelay: Infinity });
  let header: BackupHeader | null = null;
  const tables = new Map<string, string[]>();
  let current: { rows: string[]; left: number } | null = null;
  try {
    for await (const line of input) {
      if (!header) {
        const parsed = JSON.parse(line) as Partial<BackupHeader>;
        if (parsed.format !== BACKUP_FORMAT || parsed.version !== BACKUP_VERSION || !parsed.migrations) {
          throw new BackupError(`${file} is not a Reeks backup.`);
        }
        header = parsed as BackupHeader;
      } else if (!current || current.left === 0) {
        const start = JSON.parse(line) as { table: string; rows: number };
        current = { rows: [], left: start.rows };
        tables.set(start.table, current.rows);
      } else {
        current.rows.push(line);
        current.left--;
      }
    }
  } catch (error) {
    if (error instanceof BackupError) throw error;
    throw new BackupError(`${file} is not a readable Reeks backup (${(error as Error).message}).`);
  }
  if (!header || (current && current.left !== 0)) throw new BackupError(`${file} is incomplete.`);
  return { header, tables };
}

/**
 * Loads a backup into this database, in one transaction: all of it or nothing. Refuses a database
 * that holds any row unless `force`, which empties it first.
 */
export async function restoreBackup(
  db: Database,
  file: string,
  options: { force: boolean },
): Promise<{ tables: number; rows: number }> {
  const { header, tables } = await readBackup(file);
  const migrations = await appliedMigrations(db);
  if (header.migrations.join() !== migrations.join()) {
    throw new BackupError(
      `This backup fits a database with ${header.migrations.length} migrations applied; this one has ${migrations.length}. Restore it with the version of Reeks that made it, then upgrade.`,
    );
  }
  return db.transaction(async (tx) => {
    const existing = await appTables(tx);
    const unknown = [...tables.keys()].filter((t) => !existing.includes(t));
    if (unknown.length) throw new BackupError(`This database has no table ${unknown.join(", ")}.`);
    const filled: string[] = [];
    for (const table of existing) {
      const [row] = await rowsOf<{ any: boolean }>(
        tx,
        sql`select exists (select 1 from ${ident(table)}) as any`,
      );
      if (row?.any) filled.push(table);
    }
    if (filled.length && !options.force) {
      throw new BackupError(
        `The database is not empty (${filled.length} tables hold rows: ${filled.slice(0, 5).join(", ")}${filled.length > 5 ? ", …" : ""}). Restoring replaces everything in it: run again with --force to do so.`,
      );
    }
    if (filled.length) {
      await tx.execute(
        sql`truncate table ${sql.join(
          existing.map((t) => ident(t)),
          sql`, `,
        )} restart identity cascade`,
      );
    }
    let rows = 0;
    for (const table of await insertOrder(tx, [...tables.keys()])) {
      const columns = await rowsOf<{ name: string }>(
        tx,
        sql`select attname as name from pg_attribute
            where attrelid = ${`public.${quoted(table)}`}::regclass and attnum > 0 and not attisdropped and attgenerated = ''
            order by attnum`,
      );
      const list = sql.join(
        columns.map((c) => ident(c.name)),
        sql`, `,
      );
      const tableRows = tables.get(table) ?? [];
      for (let start = 0; start < tableRows.length; ) {
        let end = start;
        let bytes = 0;
        while (end < tableRows.length && (end === start || bytes < BATCH_BYTES)) {
          bytes += tableRows[end]?.length ?? 0;
          end++;
        }
        const batch = `[${tableRows.slice(start, end).join(",")}]`;
        await tx.execute(
          sql`insert into ${ident(table)} (${list}) overriding system value
              select ${list} from json_populate_recordset(null::${ident(table)}, ${batch}::json)`,
        );
        rows += end - start;
        start = end;
      }
    }
    // Sequences (identity and serial columns) continue after the restored rows.
    const sequenced = await rowsOf<{ table: string; column: string }>(
      tx,
      sql`select table_name as table, column_name as column from information_schema.columns
          where table_schema = 'public' and (is_identity = 'YES' or column_default like 'nextval(%')`,
    );
    for (const { table, column } of sequenced) {
      await tx.execute(
        sql`select setval(pg_get_serial_sequence(${`public.${quoted(table)}`}, ${column}),
                          coalesce((select max(${ident(column)}) from ${ident(table)}), 0) + 1, false)`,
      );
    }
    return { tables: tables.size, rows };
  });
}
