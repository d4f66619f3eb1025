import { and, ChatMessage, type Database, desc, eq, lt, lte, or, Person, sql } from "@reeks/db";
import { CHAT_PAGE_SIZE, type ChatMessageView, type ChatPage } from "@reeks/models";
import type { SessionActor } from "../actor";
import { publishCapture } from "../capture/live-events";
import { DomainError } from "../domain-error";
import { ownSeat } from "./seats";

export const CHAT_MAX_LENGTH = 2000;

/** A message in the room's chat; everyone in the room gets it on the session's live stream. */
export async function sendChat(
  db: Database,
  input: { body: string },
  actor: SessionActor,
): Promise<ChatMessageView> {
  await ownSeat(db, actor);
  const { session } = actor;
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(ChatMessage)
      .values({ sessionId: session.id, authorId: actor.personId, body: input.body })
      .returning();
    if (!row) throw new Error("chat message not written");
    const [author] = await tx.select({ name: Person.name }).from(Person).where(eq(Person.id, actor.personId));
    const message: ChatMessageView = {
      id: row.id,
      sessionId: row.sessionId,
      body: row.body,
      sentAt: row.sentAt.toISOString(),
      author: author?.name ?? null,
    };
    await publishCapture(tx, session.seriesId, "chat", message);
    return message;
  });
}

/**
 * One page of the session's chat, newest page first: without `cursor` the latest messages, else
 * those just older than the message `cursor` (the `older` cursor of the page after it). The order is
 * (sentAt, id), compared in the database at full precision, so pages neither overlap nor leave a
 * gap, however many messages arrive meanwhile (those come on the live stream).
 */
export async function listChat(
  db: Database,
  input: { cursor?: string | null; limit?: number },
  actor: SessionActor,
): Promise<ChatPage> {
  const sessionId = actor.session.id;
  const limit = input.limit ?? CHAT_PAGE_SIZE;
  const conditions = [eq(ChatMessage.sessionId, sessionId)];
  if (input.cursor) {
    const [anchor] = await db
      .select({ raw: sql<string>`${ChatMessage.sentAt}::text` })
      .from(ChatMessage)
      .where(and(eq(ChatMessage.id, input.cursor), eq(ChatMessage.sessionId, sessionId)));
    if (!anchor) throw new DomainError("NOT_FOUND", "chatMessageNotFound");
    const at = sql`${anchor.raw}::timestamptz`;
    // The `<=` alone bounds the scan of the (session, sentAt) index; the rest splits a tie by id.
    const condition = or(lt(ChatMessage.sentAt, at), lt(ChatMessage.id, input.cursor));
    if (condition) conditions.push(lte(ChatMessage.sentAt, at), condition);
  }
  const rows = await db
    .select({
      id: ChatMessage.id,
      sessionId: ChatMessage.sessionId,
      body: ChatMessage.body,
      sentAt: ChatMessage.sentAt,
      author: Person.name,
    })
    .from(ChatMessage)
    .leftJoin(Person, eq(Person.id, ChatMessage.authorId))
    .where(and(...conditions))
    .orderBy(desc(ChatMessage.sentAt), desc(ChatMessage.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit).reverse();
  return {
    messages: page.map((m) => ({ ...m, sentAt: m.sentAt.toISOString() })),
    older: rows.length > limit ? (page[0]?.id ?? null) : null,
  };
}
