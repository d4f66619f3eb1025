import { randomUUID } from "node:crypto";
import { asc, type DatabaseHandle, eq, Series, Session, seedDemoSeries } from "@reeks/db";
import { createParticipant, firstDemoSession, type TestParticipant } from "@reeks/db/testing";
import { TRPCError } from "@trpc/server";
import { createContextInner } from "../context";
import { appRouter } from "../root";
import { createCallerFactory } from "../trpc";

/** Test helpers: the demo series, people with roles in it, and callers acting as them. */
export const fakeLivekit = {
  connection: { url: "ws://127.0.0.1:1", apiKey: "k", apiSecret: "s".repeat(32) },
  publicUrl: "ws://127.0.0.1:1",
};

const createCaller = createCallerFactory(appRouter);

export function callerFor(
  handle: DatabaseHandle,
  person: { personId: string } | null,
  locale: "nl" | "en" = "nl",
) {
  return createCaller(
    createContextInner({
      database: handle,
      livekit: fakeLivekit,
      locale,
      actor: person ? { personId: person.personId } : null,
    }),
  );
}

export interface CaptureWorld {
  seriesId: string;
  sessions: Array<{ id: string; themeId: string }>;
  organiser: TestParticipant;
  moderator: TestParticipant;
  moderator2: TestParticipant;
  member: TestParticipant;
  member2: TestParticipant;
}

/** The demo series with an organiser, two moderators and two members, all approved. */
export async function captureWorld(handle: DatabaseHandle): Promise<CaptureWorld> {
  await seedDemoSeries(handle.db);
  const series = await handle.db.query.Series.findFirst({ orderBy: asc(Series.createdAt) });
  if (!series) throw new Error("no series");
  const sessions = await handle.db
    .select({ id: Session.id, themeId: Session.themeId })
    .from(Session)
    .where(eq(Session.seriesId, series.id))
    .orderBy(asc(Session.position));
  const suffix = randomUUID().slice(0, 4);
  // Each one's organisation carries their name, so exports and rosters can tell them apart.
  const person = (role: TestParticipant["role"], name: string) =>
    createParticipant(handle.db, { seriesId: series.id, role, name, organisation: `Gemeente ${name}` });
  return {
    seriesId: series.id,
    sessions,
    organiser: await person("organiser", `Olga ${suffix}`),
    moderator: await person("moderator", `Mo ${suffix}`),
    moderator2: await person("moderator", `Mira ${suffix}`),
    member: await person("member", `Mees ${suffix}`),
    member2: await person("member", `Marit ${suffix}`),
  };
}

export async function setSessionStatus(
  handle: DatabaseHandle,
  sessionId: string,
  status: "draft" | "live" | "ended",
) {
  await handle.db.update(Session).set({ status }).where(eq(Session.id, sessionId));
}

/** The demo series' first session, with a moderator and some members. */
export async function createRoomFixture(
  db: DatabaseHandle["db"],
  options: { members?: number; roomName?: string } = {},
) {
  await seedDemoSeries(db);
  const { series, session } = await firstDemoSession(db);
  if (options.roomName)
    await db.update(Session).set({ roomName: options.roomName }).where(eq(Session.id, session.id));
  const moderator = await createParticipant(db, {
    seriesId: series.id,
    role: "moderator",
    name: "Moderator Mia",
  });
  const members: TestParticipant[] = [];
  for (let i = 0; i < (options.members ?? 2); i += 1) {
    members.push(await createParticipant(db, { seriesId: series.id, role: "member", name: `Lid ${i + 1}` }));
  }
  return {
    seriesId: series.id,
    sessionId: session.id,
    roomName: options.roomName ?? session.roomName,
    moderator,
    members,
  };
}

/** The tRPC error a call failed with; fails the test if it succeeded or failed otherwise. */
export async function errorOf(promise: Promise<unknown>): Promise<TRPCError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof TRPCError)) throw new Error(`expected a TRPCError, got ${String(error)}`);
  return error;
}
