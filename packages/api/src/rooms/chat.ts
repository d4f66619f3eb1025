import { asc, ChatMessage, type Database, eq, Person } from "@reeks/db";
import type { SessionActor } from "../actor";
import { type RoomDeps, signalRoom } from "./room-client";
import { ownSeat } from "./seats";

export const CHAT_MAX_LENGTH = 2000;

export async function sendChat({ db, livekit }: RoomDeps, input: { body: string }, actor: SessionActor) {
  await ownSeat(db, actor);
  const [message] = await db
    .insert(ChatMessage)
    .values({ sessionId: actor.session.id, authorId: actor.personId, body: input.body })
    .returning();
  await signalRoom(livekit, actor.session, "chat");
  return message;
}

export async function listChat(db: Database, actor: SessionActor) {
  return db
    .select({ id: ChatMessage.id, body: ChatMessage.body, sentAt: ChatMessage.sentAt, author: Person.name })
    .from(ChatMessage)
    .leftJoin(Person, eq(Person.id, ChatMessage.authorId))
    .where(eq(ChatMessage.sessionId, actor.session.id))
    .orderBy(asc(ChatMessage.sentAt));
}
