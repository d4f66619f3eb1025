import { describe, expect, it } from "vitest";
import { callerFor, setSessionStatus } from "../testing";
import { useCaptureWorld } from "../testing/use-capture-world";

describe("questions, polls, agenda seeds and action reviews", () => {
  const t = useCaptureWorld();

  it("questions collect one upvote per member; anonymity hides the asker; a highlighted one becomes an outcome", async () => {
    const member = callerFor(t.handle, t.world.member);
    const member2 = callerFor(t.handle, t.world.member2);
    const moderator = callerFor(t.handle, t.world.moderator);
    const open = await member.capture.question.ask({
      sessionId: t.sessionId,
      text: "Wie betaalt?",
      anonymous: true,
    });
    const popular = await member2.capture.question.ask({
      sessionId: t.sessionId,
      text: "Wanneer starten we?",
    });
    await member.capture.question.vote({ sessionId: t.sessionId, questionId: popular.id, up: true });
    await member.capture.question.vote({ sessionId: t.sessionId, questionId: popular.id, up: true });
    const voted = await moderator.capture.question.vote({
      sessionId: t.sessionId,
      questionId: popular.id,
      up: true,
    });
    expect(voted.votes).toBe(2);
    const unvoted = await moderator.capture.question.vote({
      sessionId: t.sessionId,
      questionId: popular.id,
      up: false,
    });
    expect(unvoted).toMatchObject({ votes: 1, votedByMe: false });

    const snapshot = await member2.capture.session({ sessionId: t.sessionId });
    const asked = snapshot.questions.find((q) => q.id === open.id);
    expect(asked).toMatchObject({ anonymous: true, author: null, mine: false });
    expect(snapshot.questions.find((q) => q.id === popular.id)).toMatchObject({
      author: { name: t.world.member2.name },
      mine: true,
    });
    await expect(
      member.capture.question.mark({ sessionId: t.sessionId, questionId: open.id, highlighted: true }),
    ).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    const marked = await moderator.capture.question.mark({
      sessionId: t.sessionId,
      questionId: open.id,
      highlighted: true,
      answered: true,
    });
    expect(marked).toMatchObject({ highlighted: true, status: "answered" });
    const outcome = await moderator.capture.question.toOutcome({
      sessionId: t.sessionId,
      questionId: open.id,
      kind: "dilemma",
    });
    expect(outcome).toMatchObject({
      kind: "dilemma",
      text: "Wie betaalt?",
      attribution: "anonymous",
      author: null,
    });
    expect(outcome.provenance[0]).toMatchObject({ source: "question", ref: open.id });
    // One step, once: asking again gives the same item.
    const again = await moderator.capture.question.toOutcome({
      sessionId: t.sessionId,
      questionId: open.id,
      kind: "dilemma",
    });
    expect(again.id).toBe(outcome.id);
  });

  it("polls: moderators open and close; ballots are checked against the kind; results count live", async () => {
    const moderator = callerFor(t.handle, t.world.moderator);
    const member = callerFor(t.handle, t.world.member);
    const member2 = callerFor(t.handle, t.world.member2);
    await expect(
      member.capture.poll.create({
        sessionId: t.sessionId,
        question: "?",
        kind: "single",
        options: ["a", "b"],
      }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(
      moderator.capture.poll.create({
        sessionId: t.sessionId,
        question: "Eén optie",
        kind: "single",
        options: ["a"],
      }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    const single = await moderator.capture.poll.create({
      sessionId: t.sessionId,
      question: "Wie trekt?",
      kind: "single",
      options: ["Gemeente", "Rijk"],
    });
    await expect(
      member.capture.poll.vote({ sessionId: t.sessionId, pollId: single.id, choices: [0] }),
    ).rejects.toMatchObject({
      code: "PRECONDITION_FAILED",
    });
    await moderator.capture.poll.setStatus({ sessionId: t.sessionId, pollId: single.id, status: "open" });
    await expect(
      member.capture.poll.vote({ sessionId: t.sessionId, pollId: single.id, choices: [0, 1] }),
    ).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
    await expect(
      member.capture.poll.vote({ sessionId: t.sessionId, pollId: single.id, choices: [7] }),
    ).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
    await member.capture.poll.vote({ sessionId: t.sessionId, pollId: single.id, choices: [1] });
    await member.capture.poll.vote({ sessionId: t.sessionId, pollId: single.id, choices: [0] });
    const counted = await member2.capture.poll.vote({
      sessionId: t.sessionId,
      pollId: single.id,
      choices: [0],
    });
    expect(counted).toMatchObject({ counts: { "0": 2, "1": 0 }, voters: 2, myChoices: [0] });

    const multiple = await moderator.capture.poll.create({
      sessionId: t.sessionId,
      question: "Wat speelt?",
      kind: "multiple",
      options: ["Geld", "Mensen", "Regels"],
    });
    await moderator.capture.poll.setStatus({ sessionId: t.sessionId, pollId: multiple.id, status: "open" });
    const both = await member.capture.poll.vote({
      sessionId: t.sessionId,
      pollId: multiple.id,
      choices: [2, 0],
    });
    expect(both).toMatchObject({ counts: { "0": 1, "1": 0, "2": 1 }, myChoices: [0, 2] });

    const scale = await moderator.capture.poll.create({
      sessionId: t.sessionId,
      question: "Hoe urgent?",
      kind: "scale",
    });
    await moderator.capture.poll.setStatus({ sessionId: t.sessionId, pollId: scale.id, status: "open" });
    await expect(
      member.capture.poll.vote({ sessionId: t.sessionId, pollId: scale.id, choices: [0] }),
    ).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
    await member.capture.poll.vote({ sessionId: t.sessionId, pollId: scale.id, choices: [4] });
    const closed = await moderator.capture.poll.setStatus({
      sessionId: t.sessionId,
      pollId: scale.id,
      status: "closed",
    });
    expect(closed).toMatchObject({ status: "closed", counts: { "4": 1 } });
    await expect(
      member2.capture.poll.vote({ sessionId: t.sessionId, pollId: scale.id, choices: [5] }),
    ).rejects.toMatchObject({
      code: "PRECONDITION_FAILED",
    });
    const outcome = await moderator.capture.poll.toOutcome({
      sessionId: t.sessionId,
      pollId: single.id,
      kind: "insight",
    });
    expect(outcome.text).toBe("Wie trekt? — Gemeente: 2 · Rijk: 0 (2 stemmers)");
    expect(outcome.provenance[0]).toMatchObject({ source: "poll", ref: single.id });
  });

  it("agenda seeds are open before the session only", async () => {
    const [, , s3] = t.world.sessions;
    if (!s3) throw new Error("session");
    const member = callerFor(t.handle, t.world.member);
    const seed = await member.capture.seed.submit({ sessionId: s3.id, text: "Graag over budgetten" });
    expect(seed).toMatchObject({ mine: true, text: "Graag over budgetten" });
    await setSessionStatus(t.handle, s3.id, "live");
    await expect(member.capture.seed.submit({ sessionId: s3.id, text: "Te laat" })).rejects.toMatchObject({
      code: "PRECONDITION_FAILED",
    });
    const snapshot = await callerFor(t.handle, t.world.moderator).capture.session({ sessionId: s3.id });
    expect(snapshot.seeds.map((s) => s.text)).toEqual(["Graag over budgetten"]);
  });

  it("after the session members agree with or comment on draft actions until the organiser's deadline", async () => {
    const [, s2] = t.world.sessions;
    if (!s2) throw new Error("session");
    const moderator = callerFor(t.handle, t.world.moderator);
    const member = callerFor(t.handle, t.world.member);
    const action = await moderator.capture.outcome.capture({
      sessionId: s2.id,
      kind: "action",
      text: "Pilot starten",
    });
    await setSessionStatus(t.handle, s2.id, "ended");
    await expect(
      member.capture.review.submit({ sessionId: s2.id, outcomeId: action.id, verdict: "agree" }),
    ).rejects.toMatchObject({ code: "PRECONDITION_FAILED" });
    await expect(
      moderator.capture.review.setDeadline({ sessionId: s2.id, deadline: "2099-01-01T12:00:00+01:00" }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    await callerFor(t.handle, t.world.organiser).capture.review.setDeadline({
      sessionId: s2.id,
      deadline: new Date(Date.now() + 60_000).toISOString(),
    });
    await member.capture.review.submit({ sessionId: s2.id, outcomeId: action.id, verdict: "agree" });
    const review = await callerFor(t.handle, t.world.member2).capture.review.submit({
      sessionId: s2.id,
      outcomeId: action.id,
      verdict: "comment",
      comment: "Met welk budget?",
    });
    expect(review).toMatchObject({
      agree: 1,
      myVerdict: "comment",
      comments: [{ text: "Met welk budget?" }],
    });
    await expect(
      member.capture.review.submit({ sessionId: s2.id, outcomeId: action.id, verdict: "comment" }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    const problem = await moderator.capture.outcome.capture({
      sessionId: s2.id,
      kind: "problem",
      text: "Geen actie",
    });
    await expect(
      member.capture.review.submit({ sessionId: s2.id, outcomeId: problem.id, verdict: "agree" }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await callerFor(t.handle, t.world.organiser).capture.review.setDeadline({
      sessionId: s2.id,
      deadline: new Date(Date.now() - 1000).toISOString(),
    });
    await expect(
      member.capture.review.submit({ sessionId: s2.id, outcomeId: action.id, verdict: "agree" }),
    ).rejects.toMatchObject({ code: "PRECONDITION_FAILED" });
  });
});
