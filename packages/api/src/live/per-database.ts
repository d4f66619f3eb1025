import type { DatabaseHandle } from "@reeks/db";

/**
 * One `T` per database handle, made on first use and closed before the handle closes. Each API
 * instance opens its own handle, so this is one per instance.
 */
export function perDatabase<T extends { close(): unknown }>(
  create: (database: DatabaseHandle) => T,
): (database: DatabaseHandle) => T {
  const made = new WeakMap<DatabaseHandle, T>();
  return (database) => {
    let existing = made.get(database);
    if (!existing) {
      const created = create(database);
      existing = created;
      made.set(database, created);
      const close = database.close;
      database.close = async () => {
        await created.close();
        await close.call(database);
      };
    }
    return existing;
  };
}
