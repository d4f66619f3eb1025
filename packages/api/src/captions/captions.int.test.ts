import { randomUUID } from "node:crypto";
import { and, asc, CaptionFeed, CaptionLine, eq, LiveEvent, sql } from "@reeks/db";
import { CAPTION_TEXT_MAX } from "@reeks/models";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { localizedFieldErrors, zodErrorOf } from "../errors";
import { type ApiInstance, callerFor, errorOf, setSessionStatus, startApiInstance } from "../testing";
import { useCaptureWorld } from "../testing/use-capture-world";

describe("captions", () => {
  const t = useCaptureWorld();
  const as = (who: { personId: string }, locale: "nl" | "en" = "en") => callerFor(t.handle, who, locale);

  async function linesOf(sessionId: string) {
    return t.handle.db
      .select()
      .from(CaptionLine)
      .where(eq(CaptionLine.sessionId, sessionId))
      .orderBy(asc(CaptionLine.spokenAt), asc(CaptionLine.seq));
  }

  async function captionEvents(sessionId: string, kind: string) {
    const rows = await t.handle.db
      .select({ data: LiveEvent.data })
      .from(LiveEvent)
      .where(and(eq(LiveEvent.sessionId, sessionId), eq(LiveEvent.type, "caption")));
    return rows.map((r) => r.data).filter((d) => d.kind === kind);
  }

  describe("captions: captioners, send and interim", () => {
    it("lets only captioners and moderators caption, and only while the session is live", async () => {
      const { world, sessionId } = t;
      await setSessionStatus(t.handle, sessionId, "live");
      const send = (who: { personId: string }, text: string, locale: "nl" | "en" = "en") =>
        as(who, locale).captions.send({ sessionId, text, clientKey: randomUUID() });

      const refused = await errorOf(send(world.member, "Goedemorgen", "nl"));
      expect(refused.code).toBe("FORBIDDEN");
      expect(refused.message).toBe("Alleen een schrijftolk of moderator van deze sessie kan ondertitelen.");
      // A member cannot make themselves (or anyone) captioner.
      const grantByMember = await errorOf(
        as(world.member).captions.grantCaptioner({ sessionId, participantId: world.member.participantId }),
      );
      expect(grantByMember.code).toBe("FORBIDDEN");

      await as(world.moderator).captions.grantCaptioner({
        sessionId,
        participantId: world.member.participantId,
      });
      const listed = await as(world.moderator).captions.captioners({ sessionId });
      expect(listed.captioners.map((c) => c.participantId)).toEqual([world.member.participantId]);
      expect(listed.candidates.map((c) => c.participantId)).toContain(world.member2.participantId);
      expect(listed.candidates.map((c) => c.participantId)).not.toContain(world.moderator.participantId);
      expect(await as(world.member).captions.mine({ sessionId })).toEqual({ canCaption: true, live: true });

      const sent = await send(world.member, "  Goedemorgen\niedereen  ");
      expect(sent.created).toBe(true);
      expect(sent.line.text).toBe("Goedemorgen iedereen");
      await send(world.moderator, "Welkom");
      // The member told about their grant; the other member not.
      const grants = await captionEvents(sessionId, "captioner");
      expect(grants).toHaveLength(1);

      await as(world.moderator).captions.revokeCaptioner({
        sessionId,
        participantId: world.member.participantId,
      });
      expect((await errorOf(send(world.member, "Nog één"))).code).toBe("FORBIDDEN");

      await setSessionStatus(t.handle, sessionId, "ended");
      const ended = await errorOf(send(world.moderator, "Tot ziens", "en"));
      expect(ended.code).toBe("FORBIDDEN");
      expect(ended.message).toBe("Captions can only be sent while the session is live.");
      await setSessionStatus(t.handle, sessionId, "live");

      const stored = await linesOf(sessionId);
      expect(stored.map((l) => [l.seq, l.text, l.source])).toEqual([
        [1, "Goedemorgen iedereen", "typed"],
        [2, "Welkom", "typed"],
      ]);
      expect(stored[0]?.authorParticipantId).toBe(world.member.participantId);
    });

    it("stores a resent line once, and gives concurrent lines distinct, gapless numbers", async () => {
      const { world, sessionId } = t;
      await setSessionStatus(t.handle, sessionId, "live");
      const before = (await linesOf(sessionId)).length;
      const moderator = as(world.moderator);
      const clientKey = randomUUID();
      const first = await moderator.captions.send({ sessionId, text: "Eén keer", clientKey });
      const again = await moderator.captions.send({ sessionId, text: "Eén keer", clientKey });
      expect(again.created).toBe(false);
      expect(again.line.id).toBe(first.line.id);
      // The same key with other text is a mistake, not a resend.
      expect((await errorOf(moderator.captions.send({ sessionId, text: "Anders", clientKey }))).code).toBe(
        "CONFLICT",
      );

      const moderator2 = as(world.moderator2);
      await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          (i % 2 ? moderator : moderator2).captions.send({
            sessionId,
            text: `Regel ${i}`,
            clientKey: randomUUID(),
          }),
        ),
      );
      const lines = await linesOf(sessionId);
      expect(lines).toHaveLength(before + 21);
      expect(lines.map((l) => l.seq)).toEqual(Array.from({ length: before + 21 }, (_, i) => i + 1));
      // One final event per stored line, none for the resend.
      expect(await captionEvents(sessionId, "final")).toHaveLength(before + 21);

      const speakerless = await errorOf(
        moderator.captions.send({
          sessionId,
          text: "x",
          clientKey: randomUUID(),
          speakerParticipantId: randomUUID(),
        }),
      );
      expect(speakerless.code).toBe("NOT_FOUND");
      const tooLong = await errorOf(
        moderator.captions.send({
          sessionId,
          text: "a".repeat(CAPTION_TEXT_MAX + 1),
          clientKey: randomUUID(),
        }),
      );
      expect(tooLong.code).toBe("BAD_REQUEST");
      const badLanguage = await errorOf(
        moderator.captions.send({ sessionId, text: "x", language: "nl; drop", clientKey: randomUUID() }),
      );
      expect(badLanguage.code).toBe("BAD_REQUEST");
      const zodError = zodErrorOf(badLanguage.cause);
      expect(zodError && localizedFieldErrors(zodError, "en")).toEqual({
        language: ["Give the language as a language code, for example nl or en-US."],
      });
    });

    it("publishes interim text without storing it, throttled, for captioners only", async () => {
      const { world, sessionId } = t;
      await setSessionStatus(t.handle, sessionId, "live");
      const before = (await linesOf(sessionId)).length;
      const interimBefore = (await captionEvents(sessionId, "interim")).length;
      const first = await as(world.moderator2).captions.interim({ sessionId, text: "Goedemo" });
      const tooSoon = await as(world.moderator2).captions.interim({ sessionId, text: "Goedemorg" });
      expect(first.published).toBe(true);
      expect(tooSoon.published).toBe(false);
      await new Promise((r) => setTimeout(r, 200));
      expect(
        (await as(world.moderator2).captions.interim({ sessionId, text: "Goedemorgen" })).published,
      ).toBe(true);
      expect((await captionEvents(sessionId, "interim")).length).toBe(interimBefore + 2);
      expect((await linesOf(sessionId)).length).toBe(before);
      expect((await errorOf(as(world.member2).captions.interim({ sessionId, text: "x" }))).code).toBe(
        "FORBIDDEN",
      );
    });

    it("gives a joining viewer the latest lines in order, and the languages in use", async () => {
      const { world, sessionId } = t;
      await as(world.moderator).captions.send({
        sessionId,
        text: "Good morning",
        language: "en",
        clientKey: randomUUID(),
      });
      const recent = await as(world.member2).captions.recent({ sessionId });
      expect(recent.languages).toEqual(["en", "nl"]);
      expect(recent.lines.at(-1)?.text).toBe("Good morning");
      expect(recent.lines.length).toBeLessThanOrEqual(50);
      const english = await as(world.member2).captions.recent({ sessionId, language: "en" });
      expect(english.lines.map((l) => l.text)).toEqual(["Good morning"]);
    });
  });

  describe("captions: the external caption feed (HTTP)", () => {
    let api: ApiInstance;
    beforeAll(async () => {
      api = await startApiInstance(t.handle);
    });
    afterAll(() => api?.stop());

    const post = (
      path: string,
      body: string,
      init: { seq?: number | string; lang?: string; type?: string; headers?: Record<string, string> } = {},
    ) => {
      const url = new URL(path, api.url);
      if (init.seq !== undefined) url.searchParams.set("seq", String(init.seq));
      if (init.lang) url.searchParams.set("lang", init.lang);
      return fetch(url, {
        method: "POST",
        body,
        headers: { "content-type": init.type ?? "text/plain", ...init.headers },
      });
    };

    async function newFeed(sessionId: string) {
      await setSessionStatus(t.handle, sessionId, "live");
      return as(t.world.moderator).captions.feed.rotate({ sessionId });
    }

    it("stores each line once, whatever is repeated, and in the service's order whatever the arrival order", async () => {
      const sessionId = t.world.sessions[1]?.id ?? "";
      const feed = await newFeed(sessionId);
      expect(feed.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      // Only the hash is kept.
      const [row] = await t.handle.db.select().from(CaptionFeed).where(eq(CaptionFeed.id, feed.feedId));
      expect(row?.tokenHash).not.toContain(feed.token);

      const first = await post(feed.path, "Goedemorgen allemaal", { seq: 1, lang: "nl" });
      expect(first.status).toBe(200);
      expect(await first.json()).toMatchObject({ ok: true, seq: 1, duplicate: false });
      const repeat = await post(feed.path, "Goedemorgen allemaal", { seq: 1 });
      expect(await repeat.json()).toMatchObject({ ok: true, duplicate: true });

      // 2..40 shuffled, a third of them sent twice, several at a time; JSON and the Bearer header too.
      const seqs = Array.from({ length: 39 }, (_, i) => i + 2);
      for (let i = seqs.length - 1; i > 0; i -= 1) {
        const j = Math.floor(Math.random() * (i + 1));
        [seqs[i], seqs[j]] = [seqs[j] as number, seqs[i] as number];
      }
      const sends = [...seqs, ...seqs.filter((s) => s % 3 === 0)];
      const statuses: number[] = [];
      for (let i = 0; i < sends.length; i += 4) {
        const batch = sends.slice(i, i + 4).map((seq) =>
          seq % 2
            ? post(feed.path, `Regel ${seq}`, { seq, lang: "nl" })
            : post("/api/captions", JSON.stringify({ seq, text: `Regel ${seq}`, lang: "nl" }), {
                type: "application/json",
                headers: { authorization: `Bearer ${feed.token}` },
              }),
        );
        for (const response of await Promise.all(batch)) statuses.push(response.status);
      }
      expect(statuses.every((s) => s === 200)).toBe(true);
      const lines = await linesOf(sessionId);
      expect(lines.map((l) => l.feedSeq)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
      expect(new Set(lines.map((l) => l.seq)).size).toBe(40);
      const [stored] = await t.handle.db.select().from(CaptionFeed).where(eq(CaptionFeed.id, feed.feedId));
      expect(stored?.lastSeq).toBe(40);
      // What a joining viewer gets is in the same order.
      const recent = await as(t.world.member).captions.recent({ sessionId });
      expect(recent.lines.map((l) => l.text)).toEqual(lines.map((l) => l.text));

      const status = await as(t.world.organiser).captions.feed.status({ sessionId });
      expect(status.active?.lastSeq).toBe(40);
      expect(JSON.stringify(status)).not.toContain(feed.token);

      // The same number with other text is refused, clearly, and changes nothing.
      const clash = await post(feed.path, "Iets anders", { seq: 5, headers: { "accept-language": "en" } });
      expect(clash.status).toBe(409);
      expect(((await clash.json()) as { error: { message: string } }).error.message).toBe(
        "Sequence number 5 was already received with different text.",
      );
      expect(await linesOf(sessionId)).toHaveLength(40);
    });

    it("refuses bad requests with a clear error and stores nothing", async () => {
      const sessionId = t.world.sessions[2]?.id ?? "";
      const feed = await newFeed(sessionId);
      const en = { "accept-language": "en" };
      const cases: Array<[string, Promise<Response>, number, string]> = [
        ["no token", post("/api/captions", "x", { seq: 1, headers: en }), 401, "No access token"],
        [
          "unknown token",
          post(`/api/captions/${"A".repeat(43)}`, "x", { seq: 1, headers: en }),
          401,
          "not known",
        ],
        ["malformed token", post("/api/captions/abc", "x", { seq: 1, headers: en }), 401, "not known"],
        ["no seq", post(feed.path, "x", { headers: en }), 422, "sequence number"],
        ["negative seq", post(feed.path, "x", { seq: -1, headers: en }), 422, "sequence number"],
        ["fractional seq", post(feed.path, "x", { seq: "1.5", headers: en }), 422, "sequence number"],
        ["bad lang", post(feed.path, "x", { seq: 1, lang: "<script>", headers: en }), 422, "language code"],
        ["empty", post(feed.path, "   \n ", { seq: 1, headers: en }), 422, "empty"],
        [
          "form body",
          post(feed.path, "a=b", { seq: 1, type: "application/x-www-form-urlencoded", headers: en }),
          415,
          "text/plain",
        ],
        [
          "broken JSON",
          post(feed.path, "{seq: 1", { type: "application/json", headers: en }),
          422,
          "not valid JSON",
        ],
        [
          "JSON without text",
          post(feed.path, '{"seq":1}', { type: "application/json", headers: en }),
          422,
          "not valid JSON",
        ],
        ["NUL", post(feed.path, "a\u0000b", { seq: 1, headers: en }), 422, "not allowed"],
        [
          "too long",
          post(feed.path, "a".repeat(CAPTION_TEXT_MAX + 1), { seq: 1, headers: en }),
          413,
          "at most 500",
        ],
        ["oversized body", post(feed.path, "a ".repeat(10_000), { seq: 1, headers: en }), 413, "at most 500"],
        [
          "unknown speaker",
          post(feed.path, JSON.stringify({ seq: 1, text: "x", speaker: randomUUID() }), {
            type: "application/json",
            headers: en,
          }),
          422,
          "speaker",
        ],
      ];
      for (const [label, request, status, words] of cases) {
        const response = await request;
        const body = (await response.json()) as { error?: { code: string; message: string } };
        expect({ label, status: response.status }).toEqual({ label, status });
        expect(body.error?.message, label).toContain(words);
        expect(JSON.stringify(body), label).not.toMatch(/select|insert|at \w+ \(|caption_line/i);
      }
      // Invalid UTF-8.
      const bytes = await fetch(new URL(`${feed.path}?seq=1`, api.url), {
        method: "POST",
        body: new Uint8Array([0x61, 0xff, 0x62]),
        headers: { "content-type": "text/plain" },
      });
      expect(bytes.status).toBe(422);
      // Dutch by default.
      const dutch = await post(feed.path, "x", {});
      expect(((await dutch.json()) as { error: { message: string } }).error.message).toBe(
        "Geef een volgnummer: seq, een geheel getal van 0 of meer.",
      );
      expect(await linesOf(sessionId)).toHaveLength(0);
    });

    it("stops the old URL on rotation and every URL on revocation, and refuses outside the live session", async () => {
      const sessionId = t.world.sessions[3]?.id ?? "";
      const old = await newFeed(sessionId);
      expect((await post(old.path, "Eerste", { seq: 1 })).status).toBe(200);
      const rotated = await as(t.world.moderator).captions.feed.rotate({ sessionId });
      const refused = await post(old.path, "Tweede", { seq: 2, headers: { "accept-language": "en" } });
      expect(refused.status).toBe(403);
      expect(((await refused.json()) as { error: { message: string } }).error.message).toContain(
        "revoked or replaced",
      );
      // The new feed numbers from scratch; its seq 1 is not the old feed's.
      expect((await post(rotated.path, "Tweede", { seq: 1 })).status).toBe(200);

      await as(t.world.organiser).captions.feed.revoke({ sessionId });
      expect((await post(rotated.path, "Derde", { seq: 2 })).status).toBe(403);
      expect((await as(t.world.moderator).captions.feed.status({ sessionId })).active).toBeNull();
      expect((await errorOf(as(t.world.member).captions.feed.create({ sessionId }))).code).toBe("FORBIDDEN");

      const again = await as(t.world.moderator).captions.feed.create({ sessionId });
      await setSessionStatus(t.handle, sessionId, "ended");
      expect((await post(again.path, "Na afloop", { seq: 1 })).status).toBe(403);
      expect((await linesOf(sessionId)).map((l) => l.text)).toEqual(["Eerste", "Tweede"]);
    });

    it("rate-limits a feed (429 with Retry-After) without losing what it accepted", async () => {
      const sessionId = t.world.sessions[4]?.id ?? t.world.sessions[0]?.id ?? "";
      const feed = await newFeed(sessionId);
      const before = (await linesOf(sessionId)).length;
      // Past the per-feed ceiling of 200 posts in 10 s.
      const statuses: number[] = [];
      for (let i = 0; i < 220; i += 20) {
        const batch = Array.from({ length: 20 }, (_, j) => post(feed.path, `Snel ${i + j}`, { seq: i + j }));
        const responses = await Promise.all(batch);
        for (const r of responses) {
          statuses.push(r.status);
          if (r.status === 429) expect(Number(r.headers.get("retry-after"))).toBeGreaterThan(0);
        }
      }
      const accepted = statuses.filter((s) => s === 200).length;
      expect(accepted).toBe(200);
      expect(statuses.filter((s) => s === 429)).toHaveLength(20);
      expect((await linesOf(sessionId)).length - before).toBe(accepted);
      // A refused post was not counted as stored: resent later, it is stored (not a duplicate).
      await t.handle.db.execute(
        sql`update rate_limit_counter set window_started_at = now() - interval '1 hour'`,
      );
      const resend = await post(feed.path, "Snel 219", { seq: 219 });
      expect(await resend.json()).toMatchObject({ ok: true, duplicate: false });
    });
  });
});
