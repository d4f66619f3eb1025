import { dispose, Room } from "@livekit/rtc-node";
import {
  AuditEntry,
  BreakoutMember,
  BreakoutRound,
  type DatabaseHandle,
  eq,
  LiveEvent,
  RoomSeat,
} from "@reeks/db";
import { createParticipant, createTestDatabase } from "@reeks/db/testing";
import { createRoomService, httpUrlOf, type LivekitConnection } from "@reeks/livekit";
import { type Bot, joinBot } from "@reeks/livekit/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GROUP_TOKEN_TTL_SECONDS } from "../breakout/join";
import { createContextInner } from "../context";
import { reconcileSession } from "../rooms/reconcile";
import { appRouter } from "../root";
import { createRoomFixture, errorOf } from "../testing";
import { createCallerFactory } from "../trpc";

function testLivekit(): LivekitConnection {
  const { LIVEKIT_URL, LIVEKIT_API_KEY, LIVEKIT_API_SECRET } = process.env;
  if (!LIVEKIT_URL || !LIVEKIT_API_KEY || !LIVEKIT_API_SECRET) throw new Error("no test livekit-server");
  return { url: LIVEKIT_URL, apiKey: LIVEKIT_API_KEY, apiSecret: LIVEKIT_API_SECRET };
}

async function waitFor(condition: () => Promise<boolean>, what: string, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function claimsOf(token: string): {
  sub: string;
  exp: number;
  nbf: number;
  video: Record<string, unknown>;
} {
  const [, payload] = token.split(".");
  return JSON.parse(Buffer.from(payload ?? "", "base64url").toString("utf8"));
}

/** The same token with its room claim changed (its signature now wrong): what a client might try. */
function withRoom(token: string, room: string): string {
  const [header, payload, signature] = token.split(".");
  const claims = JSON.parse(Buffer.from(payload ?? "", "base64url").toString("utf8"));
  claims.video.room = room;
  return [header, Buffer.from(JSON.stringify(claims)).toString("base64url"), signature].join(".");
}

describe("breakout groups against the real livekit-server", () => {
  let handle: DatabaseHandle;
  let fixture: Awaited<ReturnType<typeof createRoomFixture>>;
  const connection = testLivekit();
  const livekit = { connection, publicUrl: connection.url };
  const createCaller = createCallerFactory(appRouter);
  const as = (personId: string, locale: "nl" | "en" = "en") =>
    createCaller(createContextInner({ database: handle, livekit, actor: { personId }, locale }));
  const rooms = createRoomService(connection);
  const bots: Bot[] = [];
  // Kept referenced: rtc-node must not collect a room whose connect failed (see joinBot).
  const failedRooms: Room[] = [];

  const listed = async (room: string) =>
    (await rooms.listParticipants(room).catch(() => [])).map((p) => p.identity).sort();

  async function botInMain(personId: string) {
    const join = await as(personId).room.join({ sessionId: fixture.sessionId });
    if (join.kind !== "token") throw new Error(`expected a token, got ${join.kind}`);
    const bot = await joinBot(connection.url, join.token, join.identity);
    bots.push(bot);
    return bot;
  }

  async function moveToGroup(personId: string, from: Bot | null) {
    const join = await as(personId).breakout.join({ sessionId: fixture.sessionId });
    if (join.kind !== "group") throw new Error(`expected a group, got ${join.kind}`);
    await from?.leave();
    const bot = await joinBot(join.url, join.token, join.identity);
    bots.push(bot);
    return { bot, join };
  }

  const auditActions = async () =>
    (await handle.db.select({ action: AuditEntry.action }).from(AuditEntry)).map((a) => a.action);

  beforeAll(async () => {
    handle = await createTestDatabase();
    fixture = await createRoomFixture(handle.db, { members: 6 });
  });
  afterAll(async () => {
    for (const bot of bots) await bot.leave().catch(() => {});
    await rooms.deleteRoom(fixture.roomName).catch(() => {});
    await handle.close();
    await dispose();
    failedRooms.length = 0;
  });

  it("plans before the start, in the session's language, and says what is wrong in the caller's", async () => {
    const { sessionId } = fixture;
    const moderator = as(fixture.moderator.personId);
    const plan = {
      sessionId,
      assignment: "random" as const,
      groupCount: 2,
      durationMinutes: 10,
      rapporteurChoice: "group" as const,
    };
    const both = await errorOf(moderator.breakout.plan({ ...plan, perGroup: 3 }));
    expect(both.code).toBe("BAD_REQUEST");
    expect(both.message).toBe("Choose either the number of groups or the number of participants per group.");
    const planned = await moderator.breakout.plan(plan);
    const state = await as(fixture.moderator.personId, "nl").breakout.state({ sessionId });
    expect(state.round?.status).toBe("planned");
    // Default names in the series' language (the demo series is Dutch); the theme's question in the reader's.
    expect(state.round?.groups.map((g) => g.name)).toEqual(["Groep 1", "Groep 2"]);
    expect(state.round?.groups[0]?.ownQuestion).toBeNull();
    expect(state.round?.groups[0]?.question.length).toBeGreaterThan(5);

    const again = await errorOf(moderator.breakout.plan(plan));
    expect(again.code).toBe("CONFLICT");
    expect(again.message).toBe(
      "A round of breakout groups is already planned or running. Edit it or close it first.",
    );
    const edited = await moderator.breakout.plan({
      ...plan,
      roundId: planned.roundId,
      version: planned.version,
      groupCount: 3,
      groups: [{ name: "Financiën", question: "Wat kost het?" }],
    });
    expect(edited.version).toBe(planned.version + 1);
    // The other moderator's edit, made from the version before: refused, not lost silently.
    const stale = await errorOf(
      moderator.breakout.plan({ ...plan, roundId: planned.roundId, version: planned.version }),
    );
    expect(stale.code).toBe("CONFLICT");
    const groups = (await moderator.breakout.state({ sessionId })).round?.groups ?? [];
    expect(groups.map((g) => [g.name, g.ownQuestion])).toEqual([
      ["Financiën", "Wat kost het?"],
      ["Groep 2", null],
      ["Groep 3", null],
    ]);
    const back = await moderator.breakout.plan({
      ...plan,
      roundId: planned.roundId,
      version: edited.version,
    });
    expect((await moderator.breakout.state({ sessionId })).round?.groups).toHaveLength(2);

    const notLive = await errorOf(
      moderator.breakout.open({ sessionId, roundId: planned.roundId, version: back.version }),
    );
    expect(notLive.code).toBe("PRECONDITION_FAILED");
    expect(notLive.message).toBe("Breakout groups can only be opened while the session is live.");
    const memberOpens = await errorOf(
      as(fixture.members[0]?.personId ?? "").breakout.open({
        sessionId,
        roundId: planned.roundId,
        version: back.version,
      }),
    );
    expect(memberOpens.code).toBe("FORBIDDEN");
  });

  it("plan → open → tokens for the group room only → extend → broadcast, visit → close → back in the main room", async () => {
    const { sessionId } = fixture;
    const moderator = as(fixture.moderator.personId);
    const [m1, m2, m3, m4] = fixture.members;
    if (!m1 || !m2 || !m3 || !m4) throw new Error("fixture");
    await moderator.room.start({ sessionId, offSchedule: true });
    const inMain = new Map<string, Bot>();
    for (const m of [m1, m2, m3, m4]) inMain.set(m.personId, await botInMain(m.personId));
    await waitFor(async () => (await listed(fixture.roomName)).length === 4, "four in the main room");

    const planned = (await moderator.breakout.state({ sessionId })).round;
    if (!planned) throw new Error("no round");
    const opened = await moderator.breakout.open({
      sessionId,
      roundId: planned.id,
      version: planned.version,
    });
    const state = (await moderator.breakout.state({ sessionId })).round;
    expect(state?.status).toBe("open");
    expect(Date.parse(opened.endsAt) - Date.parse(state?.openedAt ?? "")).toBe(10 * 60_000);
    // Balanced: everyone present, two by two; the moderator stays in the main room.
    expect(state?.groups.map((g) => g.memberCount)).toEqual([2, 2]);
    expect(state?.unassigned).toEqual([]);
    const members = state?.groups.flatMap((g) => g.members.map((p) => p.participantId)).sort();
    expect(members).toEqual([m1, m2, m3, m4].map((m) => m.participantId).sort());

    // A member sees their own group's members and only the other group's size.
    const mine = (await as(m1.personId).breakout.state({ sessionId })).round;
    const own = mine?.groups.find((g) => g.id === mine.myGroupId);
    const other = mine?.groups.find((g) => g.id !== mine.myGroupId);
    expect(own?.members.map((p) => p.participantId)).toContain(m1.participantId);
    expect(other?.members).toEqual([]);
    expect(other?.memberCount).toBe(2);
    expect(mine?.unassigned).toEqual([]);

    const groupRooms = new Map(
      (await handle.db.select().from(BreakoutMember)).map((m) => [m.participantId, m.groupId]),
    );
    for (const m of [m1, m2, m3, m4]) {
      const { join } = await moveToGroup(m.personId, inMain.get(m.personId) ?? null);
      expect(join.groupId).toBe(groupRooms.get(m.participantId));
      const claims = claimsOf(join.token);
      const groupRoom = (
        await handle.db.query.BreakoutGroup.findFirst({ where: (g, { eq }) => eq(g.id, join.groupId) })
      )?.roomName;
      // The grant names the group's room and nothing else: no admin, no listing, no creating rooms.
      expect(claims.video).toMatchObject({ room: groupRoom, roomJoin: true, canPublish: true });
      expect(claims.video.roomAdmin).toBe(false);
      expect(claims.video.roomList).toBe(false);
      expect(claims.video.roomCreate).toBe(false);
      expect(claims.sub).toBe(join.identity);
      expect(claims.exp - claims.nbf).toBeLessThanOrEqual(GROUP_TOKEN_TTL_SECONDS);
      expect(Date.parse(join.expiresAt) - Date.now()).toBeLessThanOrEqual(GROUP_TOKEN_TTL_SECONDS * 1000);
      // The same token, pointed at the main room, is refused by livekit-server.
      const validate = (token: string) =>
        fetch(`${httpUrlOf(connection)}/rtc/validate?access_token=${token}`);
      expect((await validate(join.token)).status).toBe(200);
      expect((await validate(withRoom(join.token, fixture.roomName))).status).toBe(401);
      const tampered = new Room();
      failedRooms.push(tampered);
      await expect(
        joinBot(connection.url, withRoom(join.token, fixture.roomName), join.identity, tampered),
      ).rejects.toThrow();
    }
    const groups = (await moderator.breakout.state({ sessionId })).round?.groups ?? [];
    const roomOf = async (groupId: string) =>
      (await handle.db.query.BreakoutGroup.findFirst({ where: (g, { eq }) => eq(g.id, groupId) }))
        ?.roomName ?? "";
    for (const g of groups) {
      const identities = await Promise.all(
        g.members.map(async (p) => {
          const [seat] = await handle.db
            .select()
            .from(RoomSeat)
            .where(eq(RoomSeat.participantId, p.participantId));
          return seat?.identity ?? "";
        }),
      );
      await waitFor(
        async () => (await listed(await roomOf(g.id))).join() === identities.sort().join(),
        `group ${g.name}`,
      );
    }
    await waitFor(async () => (await listed(fixture.roomName)).length === 0, "the main room empty");

    const extended = await moderator.breakout.extend({ sessionId, roundId: planned.id, minutes: 5 });
    expect(Date.parse(extended.endsAt) - Date.parse(opened.endsAt)).toBe(5 * 60_000);
    await moderator.breakout.broadcast({ sessionId, roundId: planned.id, body: "Nog twee minuten" });
    expect(
      (await as(m2.personId).breakout.state({ sessionId })).round?.broadcasts.map((b) => b.body),
    ).toEqual(["Nog twee minuten"]);
    const visit = await moderator.breakout.visit({ sessionId, groupId: groups[0]?.id ?? "" });
    expect(visit.kind === "group" && claimsOf(visit.token).video.room).toBe(
      await roomOf(groups[0]?.id ?? ""),
    );
    // A visitor is not made a member.
    expect((await moderator.breakout.state({ sessionId })).round?.groups[0]?.memberCount).toBe(2);
    const memberVisits = await errorOf(
      as(m1.personId).breakout.visit({ sessionId, groupId: groups[1]?.id ?? "" }),
    );
    expect(memberVisits.code).toBe("FORBIDDEN");

    await moderator.breakout.close({ sessionId, roundId: planned.id });
    const after = (await as(m1.personId).breakout.state({ sessionId })).round;
    expect(after?.status).toBe("closed");
    expect(await as(m1.personId).breakout.join({ sessionId })).toEqual({ kind: "main" });
    const back = await as(m1.personId).room.join({ sessionId });
    expect(back.kind === "token" && claimsOf(back.token).video.room).toBe(fixture.roomName);

    const changes = (await handle.db.select().from(LiveEvent).where(eq(LiveEvent.type, "breakout"))).map(
      (e) => (e.data as { change: string }).change,
    );
    expect(changes).toEqual(expect.arrayContaining(["planned", "opened", "extended", "broadcast", "closed"]));
    expect(await auditActions()).toEqual(
      expect.arrayContaining([
        "breakout.plan",
        "breakout.edit",
        "breakout.open",
        "breakout.extend",
        "breakout.broadcast",
        "breakout.visit",
        "breakout.close",
      ]),
    );
    // The organiser's dashboard says who was in which group, per session.
    const organiser = await createParticipant(handle.db, {
      seriesId: fixture.seriesId,
      role: "organiser",
      name: "Olga Organisator",
    });
    const dashboard = await as(organiser.personId).exports.dashboard({ seriesId: fixture.seriesId });
    const groupOfMember = (participantId: string) =>
      dashboard.rows
        .find((r) => r.participantId === participantId)
        ?.cells.find((c) => c.sessionId === sessionId)?.groups;
    const m1Group = state?.groups.find((g) => g.members.some((p) => p.participantId === m1.participantId));
    expect(groupOfMember(m1.participantId)).toEqual([m1Group?.name]);
    expect(groupOfMember(fixture.moderator.participantId)).toEqual([]);
    for (const bot of bots.splice(0)) await bot.leave().catch(() => {});
  });

  it("places a late joiner in the smallest group of a random round; in a manual round they wait in the main room", async () => {
    const { sessionId } = fixture;
    const moderator = as(fixture.moderator.personId);
    const [m1, m2, m3, , m5, m6] = fixture.members;
    if (!m1 || !m2 || !m3 || !m5 || !m6) throw new Error("fixture");
    for (const m of [m1, m2, m3]) await botInMain(m.personId);
    await waitFor(async () => (await listed(fixture.roomName)).length === 3, "three in the main room");
    const random = await moderator.breakout.plan({
      sessionId,
      assignment: "random",
      groupCount: 2,
      durationMinutes: 5,
      rapporteurChoice: "moderator",
    });
    await moderator.breakout.open({ sessionId, roundId: random.roundId, version: random.version });
    const counts = (await moderator.breakout.state({ sessionId })).round?.groups.map((g) => g.memberCount);
    expect(counts?.sort()).toEqual([1, 2]);
    const smaller = (await moderator.breakout.state({ sessionId })).round?.groups.find(
      (g) => g.memberCount === 1,
    );

    const late = await as(m5.personId).breakout.join({ sessionId });
    expect(late.kind === "group" && late.groupId).toBe(smaller?.id);
    const [row] = await handle.db
      .select()
      .from(BreakoutMember)
      .where(eq(BreakoutMember.participantId, m5.participantId));
    expect(row?.placement).toBe("late");
    // Asking again (a reload) lands in the same group.
    const reload = await as(m5.personId).breakout.join({ sessionId });
    expect(reload.kind === "group" && reload.groupId).toBe(smaller?.id);
    expect(await auditActions()).toContain("breakout.late");
    await moderator.breakout.close({ sessionId, roundId: random.roundId });

    const manual = await moderator.breakout.plan({
      sessionId,
      assignment: "manual",
      groupCount: 2,
      durationMinutes: 5,
      rapporteurChoice: "moderator",
    });
    await moderator.breakout.open({ sessionId, roundId: manual.roundId, version: manual.version });
    expect(await as(m6.personId).breakout.join({ sessionId })).toEqual({ kind: "main" });
    const manualState = (await moderator.breakout.state({ sessionId })).round;
    expect(manualState?.unassigned.map((p) => p.participantId)).toEqual([]);
    const target = manualState?.groups[1]?.id ?? "";
    await moderator.breakout.assign({
      sessionId,
      roundId: manual.roundId,
      participantId: m6.participantId,
      groupId: target,
    });
    const placed = await as(m6.personId).breakout.join({ sessionId });
    expect(placed.kind === "group" && placed.groupId).toBe(target);
    // Members cannot choose in a manual round.
    const chooses = await errorOf(
      as(m6.personId).breakout.choose({ sessionId, roundId: manual.roundId, groupId: target }),
    );
    expect(chooses.code).toBe("FORBIDDEN");
    await moderator.breakout.close({ sessionId, roundId: manual.roundId });

    // Sized by people per group: three present, two per group → two groups, made at the opening.
    const sized = await moderator.breakout.plan({
      sessionId,
      assignment: "random",
      perGroup: 2,
      durationMinutes: 5,
      rapporteurChoice: "group",
    });
    expect((await moderator.breakout.state({ sessionId })).round?.groups).toHaveLength(1);
    await moderator.breakout.open({ sessionId, roundId: sized.roundId, version: sized.version });
    const sizedState = (await moderator.breakout.state({ sessionId })).round;
    expect(sizedState?.groupCount).toBe(2);
    expect(sizedState?.groups.map((g) => g.name)).toEqual(["Groep 1", "Groep 2"]);
    expect(sizedState?.groups.map((g) => g.memberCount).sort()).toEqual([1, 2]);
    await moderator.breakout.close({ sessionId, roundId: sized.roundId });
    for (const bot of bots.splice(0)) await bot.leave().catch(() => {});
  });

  it("lets members choose and name their rapporteur when the round says so, and no further", async () => {
    const { sessionId } = fixture;
    const moderator = as(fixture.moderator.personId);
    const [m1, m2, m3] = fixture.members;
    if (!m1 || !m2 || !m3) throw new Error("fixture");
    const self = await moderator.breakout.plan({
      sessionId,
      assignment: "self",
      groupCount: 2,
      durationMinutes: 5,
      rapporteurChoice: "group",
    });
    const [g1, g2] = (await moderator.breakout.state({ sessionId })).round?.groups ?? [];
    if (!g1 || !g2) throw new Error("groups");
    await as(m1.personId).breakout.choose({ sessionId, roundId: self.roundId, groupId: g1.id });
    await as(m2.personId).breakout.choose({ sessionId, roundId: self.roundId, groupId: g1.id });
    await as(m3.personId).breakout.choose({ sessionId, roundId: self.roundId, groupId: g2.id });
    await as(m1.personId).breakout.setRapporteur({
      sessionId,
      groupId: g1.id,
      participantId: m2.participantId,
    });
    const seen = (await as(m1.personId).breakout.state({ sessionId })).round?.groups[0];
    expect(seen?.rapporteur?.participantId).toBe(m2.participantId);
    // Not their group; not one of the group.
    expect(
      (
        await errorOf(
          as(m1.personId).breakout.setRapporteur({ sessionId, groupId: g2.id, participantId: null }),
        )
      ).code,
    ).toBe("FORBIDDEN");
    const outsider = await errorOf(
      as(m1.personId, "nl").breakout.setRapporteur({
        sessionId,
        groupId: g1.id,
        participantId: m3.participantId,
      }),
    );
    expect(outsider.code).toBe("BAD_REQUEST");
    expect(outsider.message).toBe("De rapporteur moet een deelnemer van deze groep zijn.");
    // Moving a rapporteur elsewhere leaves their old group without one.
    await as(m2.personId).breakout.choose({ sessionId, roundId: self.roundId, groupId: g2.id });
    expect((await moderator.breakout.state({ sessionId })).round?.groups[0]?.rapporteur).toBeNull();
    await moderator.breakout.close({ sessionId, roundId: self.roundId });

    const byModerator = await moderator.breakout.plan({
      sessionId,
      assignment: "self",
      groupCount: 1,
      durationMinutes: 5,
      rapporteurChoice: "moderator",
    });
    const [only] = (await moderator.breakout.state({ sessionId })).round?.groups ?? [];
    await as(m1.personId).breakout.choose({
      sessionId,
      roundId: byModerator.roundId,
      groupId: only?.id ?? "",
    });
    const refused = await errorOf(
      as(m1.personId).breakout.setRapporteur({
        sessionId,
        groupId: only?.id ?? "",
        participantId: m1.participantId,
      }),
    );
    expect(refused.code).toBe("FORBIDDEN");
    await moderator.breakout.setRapporteur({
      sessionId,
      groupId: only?.id ?? "",
      participantId: m1.participantId,
    });
    await moderator.breakout.close({ sessionId, roundId: byModerator.roundId });
    expect(await auditActions()).toEqual(expect.arrayContaining(["breakout.choose", "breakout.rapporteur"]));
  });

  it("closes a round whose time is up as soon as anyone looks", async () => {
    const { sessionId } = fixture;
    const moderator = as(fixture.moderator.personId);
    const round = await moderator.breakout.plan({
      sessionId,
      assignment: "random",
      groupCount: 1,
      durationMinutes: 1,
      rapporteurChoice: "group",
    });
    await moderator.breakout.open({ sessionId, roundId: round.roundId, version: round.version });
    await handle.db
      .update(BreakoutRound)
      .set({ endsAt: new Date(Date.now() - 1_000) })
      .where(eq(BreakoutRound.id, round.roundId));
    const member = fixture.members[0];
    if (!member) throw new Error("fixture");
    expect(await as(member.personId).breakout.join({ sessionId })).toEqual({ kind: "main" });
    expect((await moderator.breakout.state({ sessionId })).round?.status).toBe("closed");
    const tooLate = await errorOf(
      moderator.breakout.extend({ sessionId, roundId: round.roundId, minutes: 5 }),
    );
    expect(tooLate.code).toBe("CONFLICT");
    expect(await auditActions()).toContain("breakout.expire");
  });

  it("keeps someone removed out of every group: thrown out of the group room, refused a token, kicked on a comeback", async () => {
    const { sessionId } = fixture;
    const moderator = as(fixture.moderator.personId);
    const [m1, m2] = fixture.members;
    if (!m1 || !m2) throw new Error("fixture");
    await botInMain(m1.personId);
    await botInMain(m2.personId);
    await waitFor(async () => (await listed(fixture.roomName)).length >= 2, "two in the main room");
    const round = await moderator.breakout.plan({
      sessionId,
      assignment: "random",
      groupCount: 2,
      durationMinutes: 5,
      rapporteurChoice: "group",
    });
    await moderator.breakout.open({ sessionId, roundId: round.roundId, version: round.version });
    const first = await as(m1.personId).breakout.join({ sessionId });
    if (first.kind !== "group") throw new Error("expected a group");
    const groupRoom = claimsOf(first.token).video.room as string;
    // A second token, minted before the removal, kept for a comeback.
    const kept = await as(m1.personId).breakout.join({ sessionId });
    if (kept.kind !== "group") throw new Error("expected a group");
    const inGroup = await joinBot(first.url, first.token, first.identity);
    bots.push(inGroup);
    await waitFor(async () => (await listed(groupRoom)).includes(first.identity), "in the group room");

    await moderator.room.remove({ sessionId, participantId: m1.participantId });
    await waitFor(
      async () => !(await listed(groupRoom)).includes(first.identity),
      "thrown out of the group room",
    );
    expect((await errorOf(as(m1.personId).breakout.join({ sessionId }))).code).toBe("FORBIDDEN");
    expect((await errorOf(as(m1.personId).room.join({ sessionId }))).code).toBe("FORBIDDEN");
    for (const g of (await moderator.breakout.state({ sessionId })).round?.groups ?? []) {
      expect(g.members.map((p) => p.participantId)).not.toContain(m1.participantId);
      expect(
        (await errorOf(as(m1.personId).breakout.choose({ sessionId, roundId: round.roundId, groupId: g.id })))
          .code,
      ).toBe("FORBIDDEN");
    }
    // The old token still opens the door; the reconciler, which lists the group rooms too, shuts it.
    const comeback = await joinBot(kept.url, kept.token, kept.identity);
    bots.push(comeback);
    await waitFor(async () => (await listed(groupRoom)).includes(kept.identity), "back in with an old token");
    await reconcileSession({ db: handle.db, rooms }, sessionId);
    await waitFor(async () => !(await listed(groupRoom)).includes(kept.identity), "kicked again");
    await moderator.breakout.close({ sessionId, roundId: round.roundId });
    // The seat stays removed for later rounds too.
    const [seat] = await handle.db
      .select()
      .from(RoomSeat)
      .where(eq(RoomSeat.participantId, m1.participantId));
    expect(seat?.removedAt).not.toBeNull();
  });
});
