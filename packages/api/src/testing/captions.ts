import { CaptionLine, type Database, eq, sql } from "@reeks/db";

export interface TestCaptionLine {
  text: string;
  /** When it was said; defaults to one second after the previous line. */
  spokenAt?: Date;
  speakerParticipantId?: string | null;
  authorParticipantId?: string | null;
  language?: string;
  source?: "typed" | "api";
}

/**
 * Stores final caption lines as the captions' send path would (the next per-session seq, under a lock
 * on the session's lines), so transcript tests need not go through a live captioner.
 */
export async function insertCaptionLines(
  db: Database,
  sessionId: string,
  lines: TestCaptionLine[],
  start: Date = new Date("2026-03-14T14:00:00Z"),
): Promise<Array<{ id: string; seq: number }>> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${sessionId}))`);
    const [row] = await tx
      .select({ max: sql<number | null>`max(${CaptionLine.seq})` })
      .from(CaptionLine)
      .where(eq(CaptionLine.sessionId, sessionId));
    let seq = Number(row?.max ?? 0);
    let at = start.getTime();
    const stored: Array<{ id: string; seq: number }> = [];
    for (const line of lines) {
      seq += 1;
      at = line.spokenAt ? line.spokenAt.getTime() : at + 1000;
      const [inserted] = await tx
        .insert(CaptionLine)
        .values({
          sessionId,
          seq,
          source: line.source ?? "typed",
          language: line.language ?? "nl",
          text: line.text,
          speakerParticipantId: line.speakerParticipantId ?? null,
          authorParticipantId: line.authorParticipantId ?? null,
          spokenAt: new Date(at),
        })
        .returning({ id: CaptionLine.id, seq: CaptionLine.seq });
      if (inserted) stored.push(inserted);
    }
    return stored;
  });
}
