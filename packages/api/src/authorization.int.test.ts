import { randomUUID } from "node:crypto";
import {
  Administrator,
  type DatabaseHandle,
  DEMO_SERIES_SLUG,
  eq,
  Participant,
  Person,
  RoomSeat,
  Series,
  Session,
  seedDemoSeries,
} from "@reeks/db";
import { createTestDatabase } from "@reeks/db/testing";
import { PARTICIPANT_ROLES, type ParticipantRole, type RegistrationStatus } from "@reeks/models";
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Access, roleAtLeast } from "./access";
import { createContextInner } from "./context";
import { appRouter } from "./root";
import { fakeLivekit as livekit, startApiInstance, TEST_PERSON_HEADER } from "./testing";
import { createCallerFactory, type Meta } from "./trpc";

/**
 * The role × procedure matrix. The list of procedures comes from the router itself, so a procedure
 * added later is checked without anyone adding it here; a new *public* one must be named below on
 * purpose.
 */
const INTENDED_PUBLIC = new Set([
  "series.list",
  "series.bySlug",
  "connectionTest.token",
  "account.me",
  "registration.info",
  "registration.register",
  // Gated by the one-time setup link's token instead of a session.
  "setup.status",
  "setup.begin",
]);

interface Caller {
  label: string;
  personId: string | null;
  /** Role in the series under test, if approved there. */
  role: ParticipantRole | null;
  /** Removed by a moderator from the session under test. */
  removed?: boolean;
  /** A workspace administrator (above every series, with no role in this one). */
  administrator?: boolean;
}

type Procedure = { _def: { meta?: Meta; type: string } };
// At run time tRPC keeps a flat map of every procedure by its dotted path.
const procedures = Object.entries(appRouter._def.procedures as unknown as Record<string, Procedure>);

function allowed(procedure: Procedure, caller: Caller): boolean {
  const access = procedure._def.meta?.access ?? "public";
  if (access === "public") return true;
  if (access === "authed") return caller.personId !== null;
  if (access === "administrator") return caller.administrator === true;
  if (caller.role === null || !roleAtLeast(caller.role, access)) return false;
  // Every call here names the session, so someone removed from it may only read what is meant for them.
  if (caller.removed) return procedure._def.type === "query" && procedure._def.meta?.removedMayRead === true;
  return true;
}

describe("authorization matrix (every procedure × anonymous and every role)", () => {
  let handle: DatabaseHandle;
  let seriesId: string;
  let sessionId: string;
  const callers: Caller[] = [{ label: "anonymous", personId: null, role: null }];
  const createCaller = createCallerFactory(appRouter);

  async function person(label: string) {
    const id = randomUUID();
    await handle.db
      .insert(Person)
      .values({ id, name: label, email: `${label}@matrix.test`, emailVerified: true });
    return id;
  }
  async function participant(
    personId: string,
    series: string,
    role: ParticipantRole,
    status: RegistrationStatus,
  ) {
    const [row] = await handle.db
      .insert(Participant)
      .values({ seriesId: series, personId, organisation: "X", role, status })
      .returning();
    return row?.id ?? "";
  }

  beforeAll(async () => {
    handle = await createTestDatabase();
    await seedDemoSeries(handle.db);
    const series = await handle.db.query.Series.findFirst({
      where: eq(Series.slug, DEMO_SERIES_SLUG),
      with: { sessions: true },
    });
    seriesId = series?.id ?? "";
    sessionId = series?.sessions[0]?.id ?? "";
    const [other] = await handle.db
      .insert(Series)
      .values({ slug: "matrix-other", title: { nl: "Ander" }, organiser: "X" })
      .returning();

    callers.push({ label: "signed-in, no series", personId: await person("nobody"), role: null });
    const waiting = await person("interested");
    await participant(waiting, seriesId, "organiser", "interested");
    callers.push({ label: "organiser role but not approved", personId: waiting, role: null });
    const declined = await person("declined");
    await participant(declined, seriesId, "moderator", "declined");
    callers.push({ label: "declined moderator", personId: declined, role: null });
    const elsewhere = await person("elsewhere");
    await participant(elsewhere, other?.id ?? "", "organiser", "approved");
    callers.push({ label: "organiser of another series", personId: elsewhere, role: null });
    const administrator = await person("administrator");
    await handle.db.insert(Administrator).values({ personId: administrator });
    callers.push({ label: "administrator", personId: administrator, role: null, administrator: true });
    for (const role of PARTICIPANT_ROLES) {
      const id = await person(role);
      await participant(id, seriesId, role, "approved");
      callers.push({ label: `approved ${role}`, personId: id, role });
    }
    // Removal is per session (moderators cannot be removed): it must bar every write in it.
    for (const role of ["member", "speaker"] as const) {
      const id = await person(`removed-${role}`);
      const participantId = await participant(id, seriesId, role, "approved");
      await handle.db
        .insert(RoomSeat)
        .values({ sessionId, participantId, identity: `removed-${role}`, removedAt: new Date() });
      callers.push({ label: `${role} removed from the session`, personId: id, role, removed: true });
    }
  });
  afterAll(() => handle?.close());

  it("finds the procedures in the router, each with a declared access level", () => {
    expect(procedures.length).toBeGreaterThan(10);
    const levels = new Set<Access>(["public", "authed", "administrator", ...PARTICIPANT_ROLES]);
    for (const [path, procedure] of procedures) {
      expect(levels.has(procedure._def.meta?.access as Access), `${path} declares its access`).toBe(true);
    }
  });

  it("has no public procedure that was not meant to be public", () => {
    const publicOnes = procedures.filter(([, p]) => p._def.meta?.access === "public").map(([path]) => path);
    expect(publicOnes.filter((path) => !INTENDED_PUBLIC.has(path))).toEqual([]);
  });

  // The external caption endpoint: the feed's token is the only key; no role or sign-in opens it.
  it("POST /api/captions: only the feed's token gets past authorization, whoever is signed in", async () => {
    const api = await startApiInstance(handle);
    const before = await handle.db.query.Session.findFirst({ where: eq(Session.id, sessionId) });
    try {
      await handle.db.update(Session).set({ status: "live" }).where(eq(Session.id, sessionId));
      const organiser = callers.find((c) => c.role === "organiser");
      const feed = await createCaller(
        createContextInner({ database: handle, livekit, actor: { personId: organiser?.personId ?? "" } }),
      ).captions.feed.rotate({ sessionId });
      const outcomes: string[] = [];
      for (const [index, caller] of callers.entries()) {
        for (const path of ["/api/captions", feed.path]) {
          const response = await fetch(new URL(`${path}?seq=${index}`, api.url), {
            method: "POST",
            body: `Regel ${index}`,
            headers: {
              "content-type": "text/plain",
              ...(caller.personId ? { [TEST_PERSON_HEADER]: caller.personId } : {}),
            },
          });
          const expected = path === feed.path ? 200 : 401;
          if (response.status !== expected) outcomes.push(`${caller.label} ${path}: ${response.status}`);
        }
      }
      expect(outcomes).toEqual([]);
    } finally {
      await api.stop();
      // The procedures below meet the session as the seed left it.
      if (before)
        await handle.db.update(Session).set({ status: before.status }).where(eq(Session.id, sessionId));
    }
  });

  for (const [path, procedure] of procedures) {
    it(`${path}: only the allowed callers get past authorization`, async () => {
      const access = procedure._def.meta?.access ?? "public";
      const outcomes: string[] = [];
      for (const caller of callers) {
        const ctx = createContextInner({
          database: handle,
          livekit,
          actor: caller.personId ? { personId: caller.personId } : null,
        });
        // Routers nest (capture.outcome.capture): walk the dotted path down to the procedure.
        let target: unknown = createCaller(ctx);
        for (const segment of path.split("."))
          target = (target as Record<string, unknown> | undefined)?.[segment];
        const call = target as ((input: unknown) => unknown) | undefined;
        if (!call) throw new Error(`cannot call ${path}`);
        // Enough ids for any series-scoped procedure; procedures fail validation past that, which is fine.
        const input = { seriesId, sessionId, participantId: randomUUID(), slug: DEMO_SERIES_SLUG };
        let denied = false;
        try {
          const result = await call(input);
          const iterator = (result as AsyncIterable<unknown> | null)?.[Symbol.asyncIterator]?.();
          await iterator?.return?.();
        } catch (error) {
          if (!(error instanceof TRPCError)) throw error;
          denied = error.code === "UNAUTHORIZED" || error.code === "FORBIDDEN";
        }
        const expected = allowed(procedure, caller);
        if (denied === expected)
          outcomes.push(`${caller.label}: ${denied ? "denied" : "allowed"}, expected otherwise`);
      }
      expect(outcomes, `${path} (access ${access})`).toEqual([]);
    });
  }
});
