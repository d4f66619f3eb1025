import { randomUUID } from "node:crypto";
import { type Database, eq, Poll, PollVote } from "@reeks/db";
import type { z } from "zod";
import { withAudit } from "../audit";
import { DomainError } from "../domain-error";
import { badRequest, type CaptureActor, notFound, viewerOf } from "./actor";
import type { createPollInput, pollToOutcomeInput, setPollStatusInput, votePollInput } from "./inputs";
import { publishItem } from "./live-events";
import { insertOutcome } from "./outcome-rules";
import { loadPolls, type PollRecord } from "./records";
import { cleanText } from "./text";
import { callerOutcomeView, pollView } from "./views";

async function pollInSession(db: Database, pollId: string, actor: CaptureActor) {
  const row = await db.query.Poll.findFirst({ where: eq(Poll.id, pollId) });
  if (!row || row.sessionId !== actor.session.id) throw notFound("pollNotFound");
  return row;
}

export async function createPoll(db: Database, input: z.infer<typeof createPollInput>, actor: CaptureActor) {
  const question = cleanText(input.question);
  const options = input.options.map(cleanText);
  const record = await db.transaction(async (tx) => {
    const id = randomUUID();
    await tx.insert(Poll).values({
      id,
      sessionId: actor.session.id,
      question,
      kind: input.kind,
      options,
      createdBy: actor.participantId,
    });
    return publishItem(tx, actor, "poll", id);
  });
  return pollView(record, viewerOf(actor));
}

/** draft → open → closed; a closed poll may be reopened, a poll never goes back to draft. */
export async function setPollStatus(
  db: Database,
  input: z.infer<typeof setPollStatusInput>,
  actor: CaptureActor,
) {
  await pollInSession(db, input.pollId, actor);
  const audit = {
    actorId: actor.personId,
    seriesId: actor.seriesId,
    action: `poll.${input.status === "open" ? "open" : "close"}`,
    target: `poll:${input.pollId}`,
  };
  const record = await withAudit(db, audit, async (tx) => {
    await tx.update(Poll).set({ status: input.status }).where(eq(Poll.id, input.pollId));
    return publishItem(tx, actor, "poll", input.pollId);
  });
  return pollView(record, viewerOf(actor));
}

/** Checks a ballot against the kind of poll; returns the choices sorted and without repeats. */
export function validBallot(poll: { kind: string; options: string[] }, choices: number[]): number[] {
  const unique = [...new Set(choices)].sort((a, b) => a - b);
  if (unique.length !== choices.length) throw badRequest("choiceTwice");
  if (poll.kind === "scale") {
    if (unique.length !== 1 || (unique[0] ?? 0) < 1 || (unique[0] ?? 0) > 5)
      throw badRequest("pickScaleValue");
    return unique;
  }
  if (unique.some((c) => c >= poll.options.length)) throw badRequest("noSuchOption");
  if (poll.kind === "single" && unique.length !== 1) throw badRequest("pickOneOption");
  return unique;
}

export async function votePoll(db: Database, input: z.infer<typeof votePollInput>, actor: CaptureActor) {
  const poll = await pollInSession(db, input.pollId, actor);
  const choices = validBallot(poll, input.choices);
  const record = await db.transaction(async (tx) => {
    // Read the status under a row lock: a vote racing a close must not slip in after it.
    const [locked] = await tx
      .select({ status: Poll.status })
      .from(Poll)
      .where(eq(Poll.id, poll.id))
      .for("share");
    if (locked?.status !== "open") throw new DomainError("PRECONDITION_FAILED", "pollNotOpen");
    await tx
      .insert(PollVote)
      .values({ pollId: poll.id, participantId: actor.participantId, choices })
      .onConflictDoUpdate({
        target: [PollVote.pollId, PollVote.participantId],
        set: { choices, at: new Date() },
      });
    return publishItem(tx, actor, "poll", poll.id);
  });
  return pollView(record, viewerOf(actor));
}

/** The results as one line of text, e.g. "Wie trekt? — Gemeente: 5 · Rijk: 3 (8 stemmen)". */
export function resultsText(record: PollRecord, locale: "nl" | "en"): string {
  const view = pollView(record, { participantId: "", moderator: true });
  const labels =
    record.kind === "scale"
      ? [1, 2, 3, 4, 5].map((v) => ({ id: v, label: String(v) }))
      : view.options.map((o) => ({ id: o.id, label: o.label }));
  const parts = labels.map((o) => `${o.label}: ${view.counts[String(o.id)] ?? 0}`);
  const one = view.voters === 1;
  const voters =
    locale === "en"
      ? `${view.voters} ${one ? "voter" : "voters"}`
      : `${view.voters} ${one ? "stemmer" : "stemmers"}`;
  return `${record.question} — ${parts.join(" · ")} (${voters})`;
}

export async function pollToOutcome(
  db: Database,
  input: z.infer<typeof pollToOutcomeInput> & { locale: "nl" | "en" },
  actor: CaptureActor,
) {
  const { locale } = input;
  const poll = await pollInSession(db, input.pollId, actor);
  const record = await db.transaction(async (tx) => {
    const [current] = await loadPolls(tx, eq(Poll.id, poll.id));
    if (!current) throw notFound("pollNotFound");
    if (current.outcomeId) return publishItem(tx, actor, "outcome", current.outcomeId);
    const outcomeId = await insertOutcome(tx, actor, {
      kind: input.kind,
      text: resultsText(current, locale).slice(0, 2000),
      source: "poll",
      ref: poll.id,
      attribution: "named",
    });
    await tx.update(Poll).set({ outcomeId }).where(eq(Poll.id, poll.id));
    await publishItem(tx, actor, "poll", poll.id);
    return publishItem(tx, actor, "outcome", outcomeId);
  });
  return callerOutcomeView(record, viewerOf(actor));
}
