import { AuditEntry, type Database } from "@reeks/db";

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
