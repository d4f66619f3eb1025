import { randomUUID } from "node:crypto";
import {
  asc,
  type DatabaseHandle,
  eq,
  Participant,
  Person,
  Series,
  Session,
  seedDemoSeries,
} from "@reeks/db";
import type { ParticipantRole } from "@reeks/models";
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

export interface TestPerson {
  personId: string;
  email: string;
  participantId: string;
  name: string;
}

export async function addPerson(
  handle: DatabaseHandle,
  seriesId: string,
  role: ParticipantRole,
  name: string,
  status: "approved" | "interested" = "approved",
): Promise<TestPerson> {
  const personId = randomUUID();
  const email = `${personId}@example.test`;
  await handle.db.insert(Person).values({ id: personId, name, email, emailVerified: true });
  const [participant] = await handle.db
    .insert(Participant)
    .values({ seriesId, personId, organisation: `Gemeente ${name}`, role, status })
    .returning({ id: Participant.id });
  if (!participant) throw new Error("no participant");
  return { personId, email, participantId: participant.id, name };
}

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
  organiser: TestPerson;
  moderator: TestPerson;
  moderator2: TestPerson;
  member: TestPerson;
  member2: TestPerson;
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
  return {
    seriesId: series.id,
    sessions,
    organiser: await addPerson(handle, series.id, "organiser", `Olga ${suffix}`),
    moderator: await addPerson(handle, series.id, "moderator", `Mo ${suffix}`),
    moderator2: await addPerson(handle, series.id, "moderator", `Mira ${suffix}`),
    member: await addPerson(handle, series.id, "member", `Mees ${suffix}`),
    member2: await addPerson(handle, series.id, "member", `Marit ${suffix}`),
  };
}

export async function setSessionStatus(
  handle: DatabaseHandle,
  sessionId: string,
  status: "draft" | "live" | "ended",
) {
  await handle.db.update(Session).set({ status }).where(eq(Session.id, sessionId));
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
