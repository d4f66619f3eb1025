import { OUTCOME_KINDS } from "@reeks/models";
import { TRPCError } from "@trpc/server";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { callerFor } from "../testing";
import { useCaptureWorld } from "../testing/use-capture-world";

/** Answers a client may get for bad input; anything else (INTERNAL_SERVER_ERROR above all) is a bug. */
const ACCEPTABLE = new Set([
  "BAD_REQUEST",
  "NOT_FOUND",
  "PRECONDITION_FAILED",
  "CONFLICT",
  "PAYLOAD_TOO_LARGE",
]);

async function settles(call: () => Promise<unknown>): Promise<void> {
  try {
    await call();
  } catch (error) {
    if (!(error instanceof TRPCError) || !ACCEPTABLE.has(error.code)) {
      throw new Error(`unexpected ${error instanceof TRPCError ? error.code : String(error)}`, {
        cause: error,
      });
    }
  }
}

// Strings of every kind: full Unicode (lone surrogates and NUL included), Markdown and HTML shapes,
// whitespace only, and sizes around and far beyond the limits.
const nasty = fc.oneof(
  fc.string({ unit: "binary", maxLength: 300 }),
  fc.string({ unit: "grapheme", maxLength: 300 }),
  fc.constantFrom(
    "",
    " ",
    "\u0000",
    "\uD800",
    "\uDC00x",
    "a\uD800",
    "<script>alert(1)</script>",
    "[x](javascript:alert(1))",
    "# h\n\n```\ncode\n```",
  ),
  fc.integer({ min: 1990, max: 2010 }).map((n) => "a".repeat(n)),
  fc.integer({ min: 1, max: 50_000 }).map((n) => "ü".repeat(n)),
);
const kind = fc.oneof(fc.constantFrom(...OUTCOME_KINDS), fc.string({ maxLength: 12 }));
const maybeUuid = fc.oneof(fc.uuid(), fc.string({ maxLength: 40 }));

describe("capture inputs never produce a server error", () => {
  const t = useCaptureWorld();
  const runs = { numRuns: 40 };

  it("capturing items", async () => {
    const moderator = callerFor(t.handle, t.world.moderator);
    await fc.assert(
      fc.asyncProperty(
        nasty,
        kind,
        fc.option(nasty),
        fc.option(fc.string({ maxLength: 12 })),
        async (text, k, ownerName, due) => {
          await settles(() =>
            moderator.capture.outcome.capture({
              sessionId: t.sessionId,
              kind: k as never,
              text,
              ...(ownerName !== null ? { owner: { type: "organisation", name: ownerName } } : {}),
              ...(due !== null ? { dueDate: due } : {}),
            }),
          );
        },
      ),
      runs,
    );
  });

  it("editing, linking and merging with arbitrary ids and versions", async () => {
    const moderator = callerFor(t.handle, t.world.moderator);
    const item = await moderator.capture.outcome.capture({
      sessionId: t.sessionId,
      kind: "action",
      text: "basis",
    });
    await fc.assert(
      fc.asyncProperty(nasty, fc.integer({ min: -5, max: 5 }), maybeUuid, async (text, version, otherId) => {
        await settles(() =>
          moderator.capture.outcome.update({
            sessionId: t.sessionId,
            outcomeId: item.id,
            expectedVersion: version,
            text,
          }),
        );
        await settles(() =>
          moderator.capture.outcome.link({ sessionId: t.sessionId, outcomeId: item.id, otherId }),
        );
        await settles(() =>
          moderator.capture.outcome.merge({
            sessionId: t.sessionId,
            outcomeId: otherId,
            duplicateId: item.id,
          }),
        );
      }),
      { numRuns: 25 },
    );
  });

  it("questions, polls, seeds and reviews", async () => {
    const member = callerFor(t.handle, t.world.member);
    const moderator = callerFor(t.handle, t.world.moderator);
    const poll = await moderator.capture.poll.create({
      sessionId: t.sessionId,
      question: "?",
      kind: "single",
      options: ["a", "b"],
    });
    await moderator.capture.poll.setStatus({ sessionId: t.sessionId, pollId: poll.id, status: "open" });
    await fc.assert(
      fc.asyncProperty(
        nasty,
        fc.boolean(),
        fc.array(fc.oneof(fc.integer({ min: -3, max: 12 }), fc.double()), { maxLength: 14 }),
        fc.array(nasty, { maxLength: 12 }),
        fc.constantFrom("single", "multiple", "scale", "rank"),
        async (text, anonymous, choices, options, pollKind) => {
          await settles(() => member.capture.question.ask({ sessionId: t.sessionId, text, anonymous }));
          await settles(() => member.capture.poll.vote({ sessionId: t.sessionId, pollId: poll.id, choices }));
          await settles(() =>
            moderator.capture.poll.create({
              sessionId: t.sessionId,
              question: text,
              kind: pollKind as never,
              options,
            }),
          );
          await settles(() => member.capture.seed.submit({ sessionId: t.sessionId, text }));
          await settles(() =>
            member.capture.review.submit({
              sessionId: t.sessionId,
              outcomeId: poll.id,
              verdict: "comment",
              comment: text,
            }),
          );
        },
      ),
      { ...runs, examples: [["!", false, [], ["\uD800", "!"], "single"]] },
    );
  });

  it("notes updates and passages", async () => {
    const moderator = callerFor(t.handle, t.world.moderator);
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.base64String({ maxLength: 400 }), nasty), nasty, async (update, text) => {
        await settles(() => moderator.capture.notes.push({ sessionId: t.sessionId, update }));
        await settles(() =>
          moderator.capture.notes.toOutcome({
            sessionId: t.sessionId,
            kind: "quote",
            text,
            start: update,
            end: update,
          }),
        );
      }),
      runs,
    );
  });

  it("ids that are not uuids, or unknown, are refused without a 500", async () => {
    const member = callerFor(t.handle, t.world.member);
    await fc.assert(
      fc.asyncProperty(maybeUuid, async (id) => {
        await settles(() => member.capture.session({ sessionId: id }));
        await settles(() =>
          member.capture.question.vote({ sessionId: t.sessionId, questionId: id, up: true }),
        );
      }),
      runs,
    );
    // The filter above is not vacuous: a bad session id really is refused.
    await expect(member.capture.session({ sessionId: "nope" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
  });
});
