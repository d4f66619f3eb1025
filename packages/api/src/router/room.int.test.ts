import {
  AudioSource,
  dispose,
  LocalAudioTrack,
  Room,
  TrackPublishOptions,
  TrackSource,
} from "@livekit/rtc-node";
import { AuditEntry, type DatabaseHandle, eq } from "@reeks/db";
import { createParticipant, createTestDatabase } from "@reeks/db/testing";
import { createRoomService, type LivekitConnection } from "@reeks/livekit";
import { joinBot } from "@reeks/livekit/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createContextInner } from "../context";
import { reconcileSession } from "../rooms/reconcile";
import { appRouter } from "../root";
import { createRoomFixture } from "../testing";
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

describe("room procedures against the real livekit-server", () => {
  let handle: DatabaseHandle;
  let fixture: Awaited<ReturnType<typeof createRoomFixture>>;
  const connection = testLivekit();
  const livekit = { connection, publicUrl: connection.url };
  const createCaller = createCallerFactory(appRouter);
  // In English: the removal message below is asserted in the caller's language.
  const as = (personId: string) =>
    createCaller(createContextInner({ database: handle, livekit, actor: { personId }, locale: "en" }));
  const rooms = createRoomService(connection);

  beforeAll(async () => {
    handle = await createTestDatabase();
    fixture = await createRoomFixture(handle.db, { members: 3 });
  });
  afterAll(async () => {
    await rooms.deleteRoom(fixture.roomName).catch(() => {});
    await handle.close();
    await dispose();
  });

  it("refuses every moderator procedure to members and speakers", async () => {
    const speaker = await createParticipant(handle.db, { seriesId: fixture.seriesId, role: "speaker" });
    const member = fixture.members[0];
    if (!member) throw new Error("fixture");
    const sessionId = fixture.sessionId;
    const participantId = member.participantId;
    for (const personId of [member.personId, speaker.personId]) {
      const caller = as(personId);
      const calls = [
        () => caller.room.start({ sessionId }),
        () => caller.room.end({ sessionId }),
        () => caller.room.setStage({ sessionId, participantId, onStage: true }),
        () => caller.room.muteTrack({ sessionId, participantId, trackSid: "TR_x" }),
        () => caller.room.muteAll({ sessionId }),
        () => caller.room.remove({ sessionId, participantId }),
        () => caller.room.lock({ sessionId, locked: true }),
        () => caller.room.admit({ sessionId, participantId }),
        () => caller.room.attendance({ sessionId }),
      ];
      for (const call of calls) await expect(call()).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
    // Not signed in at all.
    const anonymous = createCaller(createContextInner({ database: handle, livekit }));
    await expect(anonymous.room.join({ sessionId })).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });

  it("runs a session: waiting, start, role grants, stage, removal for good, lock and lobby, end", async () => {
    const [m1, m2, m3] = fixture.members;
    if (!m1 || !m2 || !m3) throw new Error("fixture");
    const { sessionId } = fixture;
    const moderator = as(fixture.moderator.personId);
    const member = as(m1.personId);

    expect(await member.room.join({ sessionId })).toEqual({ kind: "waiting" });
    await moderator.room.start({ sessionId });
    expect((await rooms.listRooms([fixture.roomName])).map((r) => r.name)).toEqual([fixture.roomName]);

    const memberJoin = await member.room.join({ sessionId });
    const moderatorJoin = await moderator.room.join({ sessionId });
    if (memberJoin.kind !== "token" || moderatorJoin.kind !== "token") throw new Error("expected tokens");
    expect(memberJoin.canPublish).toBe(false);
    expect(moderatorJoin.canPublish).toBe(true);
    // Opaque identities: nothing of the name or e-mail.
    expect(memberJoin.identity).toMatch(/^p_[A-Za-z0-9_-]{16}$/);
    expect(memberJoin.identity).not.toContain(m1.name);

    const bot = await joinBot(connection.url, memberJoin.token, memberJoin.identity);
    const permissionOf = async (identity: string) =>
      (await rooms.getParticipant(fixture.roomName, identity)).permission?.canPublish ?? false;
    expect(await permissionOf(memberJoin.identity)).toBe(false);

    // Hands in the order raised; raising again keeps the place.
    await as(m2.personId).room.raiseHand({ sessionId, raised: true });
    await member.room.raiseHand({ sessionId, raised: true });
    await as(m2.personId).room.raiseHand({ sessionId, raised: true });
    const hands = (await member.room.roster({ sessionId }))
      .filter((r) => r.handRaisedAt)
      .sort((a, b) => Date.parse(a.handRaisedAt ?? "") - Date.parse(b.handRaisedAt ?? ""))
      .map((r) => r.participantId);
    expect(hands).toEqual([m2.participantId, m1.participantId]);

    await moderator.room.setStage({ sessionId, participantId: m1.participantId, onStage: true });
    await waitFor(() => permissionOf(memberJoin.identity), "publish permission");
    const promotedJoin = await member.room.join({ sessionId });
    expect(promotedJoin.kind === "token" && promotedJoin.canPublish).toBe(true);
    await moderator.room.setStage({ sessionId, participantId: m1.participantId, onStage: false });
    await waitFor(async () => !(await permissionOf(memberJoin.identity)), "publish permission revoked");

    // Chat is stored and comes back for anyone who (re)loads.
    await member.room.sendChat({ sessionId, body: "  Goedemiddag allemaal  " });
    expect((await as(m3.personId).room.chat({ sessionId })).messages.map((c) => [c.author, c.body])).toEqual([
      [m1.name, "Goedemiddag allemaal"],
    ]);
    await expect(member.room.sendChat({ sessionId, body: "   " })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });

    // Removal: out now, no new token, and an old token that still works gets thrown out again.
    await moderator.room.remove({ sessionId, participantId: m1.participantId });
    await waitFor(
      async () =>
        !(await rooms.listParticipants(fixture.roomName)).some((p) => p.identity === memberJoin.identity),
      "removed participant gone",
    );
    await expect(member.room.join({ sessionId })).rejects.toMatchObject({ code: "FORBIDDEN" });
    // Removed bars every write in the session, and its live stream; the page still learns why.
    const removedWrites = [
      () => member.capture.question.ask({ sessionId, text: "mag ik nog?", anonymous: false }),
      () => member.capture.outcome.capture({ sessionId, kind: "action", text: "nog een actie" }),
      () => member.capture.seed.submit({ sessionId, text: "zaadje" }),
      () => member.room.raiseHand({ sessionId, raised: true }),
      () => member.room.sendChat({ sessionId, body: "hallo?" }),
      () => member.capture.liveAccess({ sessionId }),
    ];
    for (const write of removedWrites) {
      await expect(write()).rejects.toMatchObject({
        code: "FORBIDDEN",
        message: "You were removed from this session.",
      });
    }
    expect((await member.room.info({ sessionId })).removed).toBe(true);
    const sneak = await joinBot(connection.url, memberJoin.token, memberJoin.identity);
    expect(
      (await rooms.listParticipants(fixture.roomName)).some((p) => p.identity === memberJoin.identity),
    ).toBe(true);
    expect((await reconcileSession({ db: handle.db, rooms }, sessionId)).kicked).toBe(1);
    await waitFor(
      async () =>
        !(await rooms.listParticipants(fixture.roomName)).some((p) => p.identity === memberJoin.identity),
      "sneaked-in participant thrown out",
    );
    await sneak.leave().catch(() => {});
    await bot.leave().catch(() => {});

    // Locked: members wait in the lobby until a moderator admits them.
    await moderator.room.lock({ sessionId, locked: true });
    expect(await as(m3.personId).room.join({ sessionId })).toEqual({ kind: "lobby" });
    expect(
      (await moderator.room.roster({ sessionId })).find((r) => r.participantId === m3.participantId)
        ?.lobbySince,
    ).toMatch(/^\d{4}-\d\d-\d\dT/);
    await moderator.room.admit({ sessionId, participantId: m3.participantId });
    expect((await as(m3.personId).room.join({ sessionId })).kind).toBe("token");

    await moderator.room.end({ sessionId });
    expect(await as(m2.personId).room.join({ sessionId })).toEqual({ kind: "ended" });
    expect(await rooms.listRooms([fixture.roomName])).toEqual([]);

    const actions = (
      await handle.db.select().from(AuditEntry).where(eq(AuditEntry.seriesId, fixture.seriesId))
    ).map((a) => a.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        "room.start",
        "room.promote",
        "room.demote",
        "room.remove",
        "room.lock",
        "room.admit",
        "room.end",
      ]),
    );
  });

  it("mutes a published microphone, and says at once when the track or the person is not there", async () => {
    const own = await createTestDatabase();
    const room = new Room();
    try {
      const f = await createRoomFixture(own.db, { members: 1, roomName: `mute-${Date.now()}` });
      const speaker = f.members[0];
      if (!speaker) throw new Error("fixture");
      const asOwn = (personId: string) =>
        createCaller(createContextInner({ database: own, livekit, actor: { personId } }));
      const moderator = asOwn(f.moderator.personId);
      const { sessionId } = f;
      await moderator.room.start({ sessionId });
      await moderator.room.setStage({ sessionId, participantId: speaker.participantId, onStage: true });
      const joined = await asOwn(speaker.personId).room.join({ sessionId });
      if (joined.kind !== "token") throw new Error(`no token: ${joined.kind}`);
      await joinBot(connection.url, joined.token, joined.identity, room);
      const source = new AudioSource(48_000, 1);
      const track = LocalAudioTrack.createAudioTrack("microphone", source);
      const options = new TrackPublishOptions();
      options.source = TrackSource.SOURCE_MICROPHONE;
      const publication = await room.localParticipant?.publishTrack(track, options);
      const trackSid = publication?.sid ?? "";
      await waitFor(
        async () =>
          (await rooms.getParticipant(f.roomName, joined.identity)).tracks.some((t) => t.sid === trackSid),
        "published track known to the server",
      );
      const participantId = speaker.participantId;

      expect(await moderator.room.muteTrack({ sessionId, participantId, trackSid })).toEqual({ muted: true });
      await waitFor(
        async () =>
          (await rooms.getParticipant(f.roomName, joined.identity)).tracks.some(
            (t) => t.sid === trackSid && t.muted,
          ),
        "track muted",
      );

      const timed = async (call: () => Promise<unknown>) => {
        const started = Date.now();
        await expect(call()).rejects.toMatchObject({ code: "NOT_FOUND" });
        return Date.now() - started;
      };
      expect(
        await timed(() => moderator.room.muteTrack({ sessionId, participantId, trackSid: "TR_notthere" })),
      ).toBeLessThan(1000);
      await room.disconnect();
      await waitFor(
        async () => !(await rooms.listParticipants(f.roomName)).some((p) => p.identity === joined.identity),
        "speaker gone",
      );
      expect(
        await timed(() => moderator.room.muteTrack({ sessionId, participantId, trackSid })),
      ).toBeLessThan(1000);
      const audits = await own.db.select().from(AuditEntry).where(eq(AuditEntry.action, "room.mute"));
      expect(audits).toHaveLength(1);
      await rooms.deleteRoom(f.roomName).catch(() => {});
    } finally {
      await room.disconnect().catch(() => {});
      await own.close();
    }
  });
});
