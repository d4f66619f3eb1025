import { describe, expect, it } from "vitest";
import { callerFor, errorOf } from "../testing";
import { useCaptureWorld } from "../testing/use-capture-world";

describe("outcome items: scope, attribution and visibility", () => {
  const t = useCaptureWorld();

  it("refuses ids from elsewhere: another session's item, a theme or owner outside the series", async () => {
    const [s1, s2] = t.world.sessions;
    if (!s1 || !s2) throw new Error("sessions");
    const moderator = callerFor(t.handle, t.world.moderator);
    const item = await moderator.capture.outcome.capture({
      sessionId: s2.id,
      kind: "problem",
      text: "Elders",
    });
    const wrongSession = await errorOf(
      moderator.capture.outcome.update({
        sessionId: s1.id,
        outcomeId: item.id,
        expectedVersion: 1,
        text: "x",
      }),
    );
    expect(wrongSession.code).toBe("NOT_FOUND");
    const foreignTheme = await errorOf(
      moderator.capture.outcome.capture({
        sessionId: s1.id,
        kind: "problem",
        text: "x",
        themeId: "00000000-0000-4000-8000-000000000000",
      }),
    );
    expect(foreignTheme.code).toBe("NOT_FOUND");
    const foreignOwner = await errorOf(
      moderator.capture.outcome.capture({
        sessionId: s1.id,
        kind: "action",
        text: "x",
        owner: { type: "person", participantId: "00000000-0000-4000-8000-000000000000" },
      }),
    );
    expect(foreignOwner.code).toBe("NOT_FOUND");
    const ownerOnProblem = await errorOf(
      moderator.capture.outcome.capture({
        sessionId: s1.id,
        kind: "problem",
        text: "x",
        dueDate: "2027-01-01",
      }),
    );
    expect(ownerOnProblem.code).toBe("BAD_REQUEST");
  });

  it("honours attribution: anonymous hides the author from everyone, Chatham House from members only", async () => {
    const member = callerFor(t.handle, t.world.member);
    const anonymous = await member.capture.outcome.capture({
      sessionId: t.sessionId,
      kind: "dilemma",
      text: "Anoniem",
      attribution: "anonymous",
    });
    const chatham = await member.capture.outcome.capture({
      sessionId: t.sessionId,
      kind: "quote",
      text: "Chatham",
      attribution: "chatham_house",
    });
    const named = await member.capture.outcome.capture({
      sessionId: t.sessionId,
      kind: "insight",
      text: "Genoemd",
      attribution: "named",
    });
    const asMember = await callerFor(t.handle, t.world.member2).capture.session({ sessionId: t.sessionId });
    const asModerator = await callerFor(t.handle, t.world.moderator).capture.session({
      sessionId: t.sessionId,
    });
    const author = (list: typeof asMember.outcomes, id: string) =>
      list.find((o) => o.id === id)?.author?.name ?? null;
    expect(author(asMember.outcomes, anonymous.id)).toBeNull();
    expect(author(asModerator.outcomes, anonymous.id)).toBeNull();
    expect(author(asMember.outcomes, chatham.id)).toBeNull();
    expect(author(asModerator.outcomes, chatham.id)).toBe(t.world.member.name);
    expect(author(asMember.outcomes, named.id)).toBe(t.world.member.name);
    // The series default applies when the author picks nothing.
    const byDefault = await member.capture.outcome.capture({
      sessionId: t.sessionId,
      kind: "insight",
      text: "Standaard",
    });
    expect(byDefault.attribution).toBe(asMember.defaultAttribution);
  });

  it("sanitises text on the server", async () => {
    const item = await callerFor(t.handle, t.world.member).capture.outcome.capture({
      sessionId: t.sessionId,
      kind: "problem",
      text: "<img src=x onerror=alert(1)> **vet**",
    });
    expect(item.text).not.toMatch(/(?<!\\)<img/);
    expect(item.text).toContain("**vet**");
    const empty = await errorOf(
      callerFor(t.handle, t.world.member).capture.outcome.capture({
        sessionId: t.sessionId,
        kind: "problem",
        text: "\u0000\u0001",
      }),
    );
    expect(empty.code).toBe("BAD_REQUEST");
  });

  it("rejected items disappear for members but stay visible to moderators", async () => {
    const item = await callerFor(t.handle, t.world.member).capture.outcome.capture({
      sessionId: t.sessionId,
      kind: "problem",
      text: "Off-topic",
    });
    await callerFor(t.handle, t.world.moderator).capture.outcome.setStatus({
      sessionId: t.sessionId,
      outcomeId: item.id,
      status: "rejected",
    });
    const asMember = await callerFor(t.handle, t.world.member).capture.session({ sessionId: t.sessionId });
    const asModerator = await callerFor(t.handle, t.world.moderator).capture.session({
      sessionId: t.sessionId,
    });
    expect(asMember.outcomes.some((o) => o.id === item.id)).toBe(false);
    expect(asModerator.outcomes.find((o) => o.id === item.id)?.status).toBe("rejected");
  });
});
