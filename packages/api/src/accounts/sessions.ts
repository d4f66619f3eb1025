import { AuthSession, and, type Database, desc, eq, gt, ne } from "@reeks/db";

/** The person's signed-in browsers, newest first; `current` marks the one asking. */
export async function listMySessions(db: Database, personId: string, currentSessionId: string | undefined) {
  const sessions = await db
    .select()
    .from(AuthSession)
    .where(and(eq(AuthSession.userId, personId), gt(AuthSession.expiresAt, new Date())))
    .orderBy(desc(AuthSession.updatedAt));
  return sessions.map((s) => ({
    id: s.id,
    createdAt: s.createdAt.toISOString(),
    lastActiveAt: s.updatedAt.toISOString(),
    expiresAt: s.expiresAt.toISOString(),
    userAgent: s.userAgent,
    current: s.id === currentSessionId,
  }));
}

/** Signs out one of the person's own sessions (never someone else's: the person id is in the filter). */
export async function revokeMySession(db: Database, personId: string, authSessionId: string) {
  await db
    .delete(AuthSession)
    .where(and(eq(AuthSession.userId, personId), eq(AuthSession.id, authSessionId)));
}

/** Signs out everywhere; with `keep`, every session but the current one. */
export async function revokeAllMySessions(db: Database, personId: string, keep?: string) {
  await db
    .delete(AuthSession)
    .where(and(eq(AuthSession.userId, personId), keep ? ne(AuthSession.id, keep) : undefined));
}
