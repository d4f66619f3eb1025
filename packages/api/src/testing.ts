import { randomBytes } from "node:crypto";
import { asc, type Database, eq, Participant, Person, Series, Session, seedDemoSeries } from "@reeks/db";
import type { ParticipantRole } from "@reeks/models";

export interface FixturePerson {
  personId: string;
  participantId: string;
  name: string;
  role: ParticipantRole;
}

/** An approved participant of the series with a person row, as accounts would create them. */
export async function addParticipant(
  db: Database,
  seriesId: string,
  role: ParticipantRole,
  name = `${role} ${randomBytes(3).toString("hex")}`,
): Promise<FixturePerson> {
  const personId = `person_${randomBytes(8).toString("hex")}`;
  await db.insert(Person).values({ id: personId, name, email: `${personId}@example.test` });
  const [participant] = await db
    .insert(Participant)
    .values({ seriesId, personId, organisation: "Gemeente Test", role, status: "approved" })
    .returning({ id: Participant.id });
  if (!participant) throw new Error("participant not created");
  return { personId, participantId: participant.id, name, role };
}

/** The (already seeded) demo series and its first session. */
export async function firstDemoSession(db: Database) {
  const [series] = await db.select().from(Series).limit(1);
  if (!series) throw new Error("no series");
  const [session] = await db
    .select()
    .from(Session)
    .where(eq(Session.seriesId, series.id))
    .orderBy(asc(Session.position))
    .limit(1);
  if (!session) throw new Error("no session");
  return { series, session };
}

/** The demo series' first session, with a moderator and some members. */
export async function createRoomFixture(db: Database, options: { members?: number; roomName?: string } = {}) {
  await seedDemoSeries(db);
  const { series, session } = await firstDemoSession(db);
  if (options.roomName)
    await db.update(Session).set({ roomName: options.roomName }).where(eq(Session.id, session.id));
  const moderator = await addParticipant(db, series.id, "moderator", "Moderator Mia");
  const members: FixturePerson[] = [];
  for (let i = 0; i < (options.members ?? 2); i += 1) {
    members.push(await addParticipant(db, series.id, "member", `Lid ${i + 1}`));
  }
  return {
    seriesId: series.id,
    sessionId: session.id,
    roomName: options.roomName ?? session.roomName,
    moderator,
    members,
  };
}

// Fixtures of the live capture tests.
export * from "./capture/fixtures";
