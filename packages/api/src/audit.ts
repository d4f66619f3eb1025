import { AuditEntry, type Database, type Transaction } from "@reeks/db";

export interface AuditRecord {
  actorId: string | null;
  seriesId: string | null;
  action: string;
  target?: string;
  details?: Record<string, unknown>;
}

/**
 * Writes one audit entry. Pass the transaction of the action itself so the entry and the change are
 * committed together, or neither is.
 */
export async function recordAudit(db: Pick<Database, "insert">, record: AuditRecord): Promise<void> {
  await db.insert(AuditEntry).values({
    actorId: record.actorId,
    seriesId: record.seriesId,
    action: record.action,
    target: record.target ?? null,
    details: record.details ?? {},
  });
}

/**
 * Runs `work` in a transaction and records its audit entry in the same one, so no change is committed
 * without its entry. The entry may depend on what `work` returned (an id it created, a count).
 */
export async function withAudit<T>(
  db: Database,
  audit: AuditRecord | ((result: T) => AuditRecord),
  work: (tx: Transaction) => Promise<T>,
): Promise<T> {
  return db.transaction(async (tx) => {
    const result = await work(tx);
    await recordAudit(tx, typeof audit === "function" ? audit(result) : audit);
    return result;
  });
}
