import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { describe, expect, it } from "vitest";
import { createContext } from "../context";
import { appRouter } from "../root";
import { callerFor } from "../testing";
import { useCaptureWorld } from "../testing/use-capture-world";

interface ErrorBody {
  error: { message: string; data: { code: string; conflict: unknown } };
}

/** Capture's refusals as a browser receives them: code, words in its language, and the newer version. */
describe("capture errors on the wire", () => {
  const t = useCaptureWorld();

  async function mutate(person: { personId: string }, path: string, input: unknown, locale: "nl" | "en") {
    const req = new Request(`http://127.0.0.1/api/trpc/${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-reeks-locale": locale },
      body: JSON.stringify(input),
    });
    const response = await fetchRequestHandler({
      endpoint: "/api/trpc",
      req,
      router: appRouter,
      createContext: () =>
        createContext({
          database: t.handle,
          livekit: { connection: { url: "ws://127.0.0.1:1", apiKey: "k", apiSecret: "s" }, publicUrl: "" },
          headers: req.headers,
          actor: { personId: person.personId },
        }),
    });
    return { status: response.status, body: JSON.parse(await response.text()) as ErrorBody };
  }

  it("hands the loser of an edit the newer version in data.conflict, with a translated message", async () => {
    const item = await callerFor(t.handle, t.world.moderator).capture.outcome.capture({
      sessionId: t.sessionId,
      kind: "problem",
      text: "Oorspronkelijk",
    });
    const winner = await callerFor(t.handle, t.world.moderator).capture.outcome.update({
      sessionId: t.sessionId,
      outcomeId: item.id,
      expectedVersion: item.version,
      text: "Eerste versie",
    });
    const stale = {
      sessionId: t.sessionId,
      outcomeId: item.id,
      expectedVersion: item.version,
      text: "Te laat",
    };
    for (const [locale, words] of [
      ["nl", "Iemand anders heeft dit intussen gewijzigd. Je ziet nu hun versie."],
      ["en", "Someone else changed this in the meantime. You now see their version."],
    ] as const) {
      const lost = await mutate(t.world.moderator2, "capture.outcome.update", stale, locale);
      expect(lost.status).toBe(409);
      expect(lost.body.error.data.code).toBe("CONFLICT");
      expect(lost.body.error.message).toBe(words);
      expect(lost.body.error.data.conflict).toMatchObject({
        id: item.id,
        text: "Eerste versie",
        version: winner.version,
      });
    }
  });

  it("refuses a vote on a poll that is not open in the voter's language, without a conflict", async () => {
    const poll = await callerFor(t.handle, t.world.moderator).capture.poll.create({
      sessionId: t.sessionId,
      question: "Wie trekt?",
      kind: "single",
      options: ["Gemeente", "Rijk"],
    });
    const vote = { sessionId: t.sessionId, pollId: poll.id, choices: [0] };
    const dutch = await mutate(t.world.member, "capture.poll.vote", vote, "nl");
    expect(dutch.status).toBe(412);
    expect(dutch.body.error.message).toBe("De peiling is niet open.");
    expect(dutch.body.error.data.conflict).toBeNull();
    const english = await mutate(t.world.member, "capture.poll.vote", vote, "en");
    expect(english.body.error.message).toBe("The poll is not open.");
  });
});
