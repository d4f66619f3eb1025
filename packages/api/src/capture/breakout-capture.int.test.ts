import { randomUUID } from "node:crypto";
import { AuditEntry, BreakoutGroup, BreakoutMember, BreakoutRound, eq, RoomSeat, Theme } from "@reeks/db";
import { createParticipant, type TestParticipant } from "@reeks/db/testing";
import { renderExport } from "@reeks/exports";
import { collect, readDocx } from "@reeks/exports/test-readers";
import { NOTES_TEXT } from "@reeks/models/notes-sync";
import { beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { assembleSeriesExport } from "../exports/assemble";
import { readEventsAfter } from "../live";
import { callerFor, errorOf, setSessionStatus } from "../testing";
import { useCaptureWorld } from "../testing/use-capture-world";
import { sessionLiveTarget } from "./live-target";

/**
 * Capture in breakout groups. The rounds, groups and members are written straight into the database:
 * how people get into groups is the breakout router's business, not capture's.
 */
describe("capture in breakout groups", () => {
  const t = useCaptureWorld();
  /** In group A with `member`; not its rapporteur. */
  let member2: TestParticipant;
  /** In group B. */
  let other: TestParticipant;
  /** In no group at all. */
  let outsider: TestParticipant;
  let speaker: TestParticipant;
  let groupA: string;
  let groupB: string;
  let themeQuestion: { nl: string; en?: string };

  beforeAll(async () => {
    const db = t.handle.db;
    const person = (role: TestParticipant["role"], name: string) =>
      createParticipant(db, { seriesId: t.world.seriesId, role, name, organisation: `Gemeente ${name}` });
    member2 = t.world.member2;
    other = await person("member", "Otto Anders");
    outsider = await person("member", "Olaf Buiten");
    speaker = await person("speaker", "Sara Spreker");
    const [round] = await db
      .insert(BreakoutRound)
      .values({
        sessionId: t.sessionId,
        status: "open",
        assignment: "manual",
        groupCount: 2,
        durationSeconds: 600,
      })
      .returning();
    if (!round) throw new Error("round");
    const [a, b] = await db
      .insert(BreakoutGroup)
      .values([
        {
          roundId: round.id,
          sessionId: t.sessionId,
          position: 1,
          name: "Tafel Noord",
          question: "Wat houdt de uitvoering tegen?",
          roomName: `room-${randomUUID()}`,
          rapporteurId: t.world.member.participantId,
        },
        {
          roundId: round.id,
          sessionId: t.sessionId,
          position: 2,
          name: "Tafel Zuid",
          question: null,
          roomName: `room-${randomUUID()}`,
          rapporteurId: other.participantId,
        },
      ])
      .returning();
    if (!a || !b) throw new Error("groups");
    groupA = a.id;
    groupB = b.id;
    await db.insert(BreakoutMember).values([
      {
        roundId: round.id,
        groupId: groupA,
        participantId: t.world.member.participantId,
        placement: "manual",
      },
      { roundId: round.id, groupId: groupA, participantId: member2.participantId, placement: "manual" },
      { roundId: round.id, groupId: groupA, participantId: speaker.participantId, placement: "manual" },
      { roundId: round.id, groupId: groupB, participantId: other.participantId, placement: "manual" },
    ]);
    const theme = await db.query.Theme.findFirst({ where: eq(Theme.id, t.world.sessions[0]?.themeId ?? "") });
    themeQuestion = theme?.guidingQuestion ?? { nl: "?" };
  });

  const sees = async (who: { personId: string }, id: string) =>
    (await callerFor(t.handle, who).capture.session({ sessionId: t.sessionId })).outcomes.find(
      (o) => o.id === id,
    ) ?? null;

  /** What this person's live stream shows of the events logged since `after`. */
  async function streamed(who: TestParticipant, after: bigint) {
    const moderator = who.role === "moderator" || who.role === "organiser";
    const target = sessionLiveTarget({
      seriesId: t.world.seriesId,
      sessionId: t.sessionId,
      participantId: who.participantId,
      moderator,
    });
    const events = await readEventsAfter(t.handle, { seriesId: t.world.seriesId, afterId: after });
    return events.map((e) => target.view(e)).filter((v) => v !== null);
  }
  async function exportData() {
    const data = await assembleSeriesExport(t.handle.db, { seriesId: t.world.seriesId });
    if (!data) throw new Error("no export data");
    return data;
  }
  const cursor = async () =>
    BigInt((await callerFor(t.handle, t.world.moderator).capture.session({ sessionId: t.sessionId })).cursor);

  it("keeps a group's items to the group and the moderators until shared, also on the live stream", async () => {
    const from = await cursor();
    const item = await callerFor(t.handle, t.world.member).capture.outcome.capture({
      sessionId: t.sessionId,
      kind: "action",
      text: "Groep A: één loket voor vergunningen",
      breakoutGroupId: groupA,
    });
    expect(item.group).toMatchObject({ id: groupA, name: "Tafel Noord", sharedAt: null });
    expect(item.group?.question.nl).toBe("Wat houdt de uitvoering tegen?");
    expect(await sees(member2, item.id)).not.toBeNull();
    expect((await sees(t.world.moderator, item.id))?.group?.name).toBe("Tafel Noord");
    expect(await sees(other, item.id)).toBeNull();
    expect(await sees(outsider, item.id)).toBeNull();
    const theme = await callerFor(t.handle, outsider).capture.theme({
      seriesId: t.world.seriesId,
      themeId: t.world.sessions[0]?.themeId ?? "",
    });
    expect(theme.outcomes.some((o) => o.id === item.id)).toBe(false);

    const onStream = (views: Awaited<ReturnType<typeof streamed>>) =>
      views.some((v) => v.type === "outcome" && v.outcome.id === item.id);
    expect(onStream(await streamed(member2, from))).toBe(true);
    expect(onStream(await streamed(t.world.moderator, from))).toBe(true);
    expect(onStream(await streamed(other, from))).toBe(false);
    expect(onStream(await streamed(outsider, from))).toBe(false);
    // Not even as an id: the browser must not learn that the group wrote something.
    expect(JSON.stringify(await streamed(outsider, from))).not.toContain(item.id);
  });

  it("refuses capture in a group by someone outside it, translated; and a group of another session", async () => {
    const nl = await errorOf(
      callerFor(t.handle, other, "nl").capture.outcome.capture({
        sessionId: t.sessionId,
        kind: "problem",
        text: "Binnengeslopen",
        breakoutGroupId: groupA,
      }),
    );
    expect(nl.code).toBe("FORBIDDEN");
    expect(nl.message).toBe(
      "Alleen de deelnemers van deze groep en de moderatoren leggen items vast in de groep.",
    );
    const en = await errorOf(
      callerFor(t.handle, other, "en").capture.outcome.capture({
        sessionId: t.sessionId,
        kind: "problem",
        text: "Sneaked in",
        breakoutGroupId: groupA,
      }),
    );
    expect(en.message).toBe(
      "Only the participants of this group and the moderators capture items in the group.",
    );
    const elsewhere = await errorOf(
      callerFor(t.handle, t.world.member).capture.outcome.capture({
        sessionId: t.world.sessions[1]?.id ?? "",
        kind: "problem",
        text: "Verkeerde sessie",
        breakoutGroupId: groupA,
      }),
    );
    expect(elsewhere.code).toBe("NOT_FOUND");
    expect(elsewhere.message).not.toContain(groupA);
  });

  it("keeps group notes apart from the session notes, for the group and the moderators only", async () => {
    const from = await cursor();
    const doc = new Y.Doc();
    doc.getText(NOTES_TEXT).insert(0, "Groepsnotitie Noord");
    const update = Buffer.from(Y.encodeStateAsUpdate(doc)).toString("base64");
    // A plain member is no note-taker of the session, yet writes the notes of their own group.
    const member = callerFor(t.handle, t.world.member);
    const { updateId } = await member.capture.notes.push({
      sessionId: t.sessionId,
      breakoutGroupId: groupA,
      update,
    });
    const refused = await errorOf(member.capture.notes.push({ sessionId: t.sessionId, update }));
    expect(refused.code).toBe("FORBIDDEN");

    const textOf = (state: string) => {
      const read = new Y.Doc();
      Y.applyUpdate(read, new Uint8Array(Buffer.from(state, "base64")));
      return read.getText(NOTES_TEXT).toString();
    };
    const groupNotes = await callerFor(t.handle, member2).capture.notes.get({
      sessionId: t.sessionId,
      breakoutGroupId: groupA,
    });
    expect(textOf(groupNotes.state)).toBe("Groepsnotitie Noord");
    expect(groupNotes.canWrite).toBe(true);
    const sessionNotes = await callerFor(t.handle, t.world.moderator).capture.notes.get({
      sessionId: t.sessionId,
    });
    expect(textOf(sessionNotes.state)).not.toContain("Groepsnotitie");
    const moderatorView = await callerFor(t.handle, t.world.moderator).capture.notes.textAt({
      sessionId: t.sessionId,
      breakoutGroupId: groupA,
      updateId,
    });
    expect(moderatorView.text).toBe("Groepsnotitie Noord");
    const notesB = await callerFor(t.handle, other).capture.notes.get({
      sessionId: t.sessionId,
      breakoutGroupId: groupB,
    });
    expect(textOf(notesB.state)).toBe("");

    for (const call of [
      () =>
        callerFor(t.handle, other, "en").capture.notes.get({
          sessionId: t.sessionId,
          breakoutGroupId: groupA,
        }),
      () =>
        callerFor(t.handle, outsider, "en").capture.notes.history({
          sessionId: t.sessionId,
          breakoutGroupId: groupA,
        }),
      () =>
        callerFor(t.handle, outsider, "en").capture.notes.push({
          sessionId: t.sessionId,
          breakoutGroupId: groupA,
          update,
        }),
    ]) {
      const error = await errorOf(call());
      expect(error.code).toBe("FORBIDDEN");
      expect(error.message).toBe(
        "Only the participants of this group and the moderators read and write the group notes.",
      );
    }

    const notesFor = async (who: TestParticipant) =>
      (await streamed(who, from)).filter((v) => v.type === "notes" && v.breakoutGroupId === groupA);
    expect(await notesFor(member2)).toHaveLength(1);
    expect(await notesFor(t.world.moderator)).toHaveLength(1);
    expect(await notesFor(other)).toHaveLength(0);
    expect(await notesFor(outsider)).toHaveLength(0);

    // A passage of the group notes becomes an item of the group.
    const lifted = await member.capture.notes.toOutcome({
      sessionId: t.sessionId,
      breakoutGroupId: groupA,
      kind: "insight",
      text: "Groepsnotitie Noord",
      start: "",
      end: "",
    });
    expect(lifted.group?.id).toBe(groupA);
    expect(await sees(outsider, lifted.id)).toBeNull();
  });

  it("lets only the rapporteur or a moderator share: the role × procedure matrix of shareGroup", async () => {
    const expectations: Array<[string, { personId: string }, "allowed" | "FORBIDDEN" | "UNAUTHORIZED"]> = [
      ["anonymous", { personId: "" }, "UNAUTHORIZED"],
      ["a member outside every group", outsider, "FORBIDDEN"],
      ["a member of the group, not its rapporteur", member2, "FORBIDDEN"],
      ["a speaker in the group, not its rapporteur", speaker, "FORBIDDEN"],
      ["the rapporteur of another group", t.world.member, "FORBIDDEN"],
      ["the group's own rapporteur", other, "allowed"],
      ["a moderator", t.world.moderator2, "allowed"],
      ["an organiser", t.world.organiser, "allowed"],
    ];
    const outcomes: string[] = [];
    for (const [label, who, expected] of expectations) {
      const caller = who.personId ? callerFor(t.handle, who) : callerFor(t.handle, null);
      const result = await caller.capture.shareGroup({ sessionId: t.sessionId, groupId: groupB }).then(
        () => "allowed",
        (error: { code?: string }) => error.code ?? "?",
      );
      if (result !== expected) outcomes.push(`${label}: ${result}, expected ${expected}`);
    }
    expect(outcomes).toEqual([]);

    // Someone removed from the session may not share, rapporteur or not.
    await t.handle.db.insert(RoomSeat).values({
      sessionId: t.sessionId,
      participantId: other.participantId,
      identity: "removed-other",
      removedAt: new Date(),
    });
    const removed = await errorOf(
      callerFor(t.handle, other).capture.shareGroup({ sessionId: t.sessionId, groupId: groupB }),
    );
    expect(removed.code).toBe("FORBIDDEN");
    await t.handle.db.delete(RoomSeat).where(eq(RoomSeat.identity, "removed-other"));

    // The panel offers the button to the same people the server lets through.
    const panel = (who: { personId: string }) =>
      callerFor(t.handle, who).capture.group({ sessionId: t.sessionId, groupId: groupA });
    expect(await panel(t.world.member)).toMatchObject({
      name: "Tafel Noord",
      rapporteur: true,
      canShare: true,
    });
    expect(await panel(member2)).toMatchObject({ rapporteur: false, canShare: false });
    expect(await panel(t.world.moderator)).toMatchObject({ rapporteur: false, canShare: true });
    expect((await errorOf(panel(other))).code).toBe("FORBIDDEN");
    const mine = async (who: { personId: string }) =>
      (await callerFor(t.handle, who).capture.myGroups({ sessionId: t.sessionId })).map((g) => g.name);
    expect(await mine(t.world.member)).toEqual(["Tafel Noord"]);
    expect(await mine(other)).toEqual(["Tafel Zuid"]);
    expect(await mine(outsider)).toEqual([]);

    const nl = await errorOf(
      callerFor(t.handle, member2, "nl").capture.shareGroup({ sessionId: t.sessionId, groupId: groupA }),
    );
    expect(nl.message).toBe(
      "Alleen de rapporteur van de groep of een moderator deelt de items van de groep met de sessie.",
    );
    const en = await errorOf(
      callerFor(t.handle, member2, "en").capture.shareGroup({ sessionId: t.sessionId, groupId: groupA }),
    );
    expect(en.message).toBe(
      "Only the group's rapporteur or a moderator shares the group's items with the session.",
    );
    const unknown = await errorOf(
      callerFor(t.handle, t.world.moderator).capture.shareGroup({
        sessionId: t.sessionId,
        groupId: randomUUID(),
      }),
    );
    expect(unknown.code).toBe("NOT_FOUND");
  });

  it("shares the group's items into the session with their provenance, on the live stream and in the audit", async () => {
    const before = await callerFor(t.handle, t.world.moderator).capture.session({ sessionId: t.sessionId });
    const unshared = before.outcomes.filter((o) => o.group?.id === groupA && o.group.sharedAt === null);
    expect(unshared.length).toBeGreaterThanOrEqual(2);
    const from = await cursor();
    const result = await callerFor(t.handle, t.world.member).capture.shareGroup({
      sessionId: t.sessionId,
      groupId: groupA,
    });
    expect(result.shared).toBe(unshared.length);
    for (const item of unshared) {
      const seen = await sees(outsider, item.id);
      expect(seen?.text).toBe(item.text);
      expect(seen?.group).toMatchObject({ id: groupA, name: "Tafel Noord" });
      expect(seen?.group?.question).toEqual({
        nl: "Wat houdt de uitvoering tegen?",
        en: "Wat houdt de uitvoering tegen?",
      });
      expect(seen?.group?.sharedAt).not.toBeNull();
      expect(JSON.stringify(seen)).not.toContain("memberIds");
    }
    const live = await streamed(outsider, from);
    expect(
      live
        .filter((v) => v.type === "outcome")
        .map((v) => v.type === "outcome" && v.outcome.id)
        .sort(),
    ).toEqual(unshared.map((o) => o.id).sort());
    // Sharing again shares nothing twice.
    expect(
      (
        await callerFor(t.handle, t.world.member).capture.shareGroup({
          sessionId: t.sessionId,
          groupId: groupA,
        })
      ).shared,
    ).toBe(0);
    const audit = await t.handle.db
      .select()
      .from(AuditEntry)
      .where(eq(AuditEntry.action, "outcome.share_group"));
    // One entry: the second share changed nothing and is not logged.
    expect(audit).toHaveLength(1);
    expect(audit.map((a) => a.details)).toContainEqual({
      sessionId: t.sessionId,
      groupName: "Tafel Noord",
      count: unshared.length,
    });
    const log = await callerFor(t.handle, t.world.organiser).review.audit({ seriesId: t.world.seriesId });
    expect(log.find((line) => line.action === "outcome.share_group")).toMatchObject({
      session: 1,
      count: unshared.length,
      actor: { name: t.world.member.name },
    });
  });

  it("puts shared group items in the essay under 'from the groups' per theme, and in the dashboard counts", async () => {
    const zuid = await callerFor(t.handle, other).capture.outcome.capture({
      sessionId: t.sessionId,
      kind: "problem",
      text: "Zuid: nog niet gedeeld",
      breakoutGroupId: groupB,
    });
    const data = await exportData();
    const markdown = (
      await collect(renderExport(data, { kind: "essay", format: "md", locale: "nl" }).body)
    ).toString();
    const part = markdown.slice(markdown.indexOf("### Uit de groepen"));
    expect(markdown).toContain("### Uit de groepen");
    expect(part).toContain("#### Tafel Noord");
    expect(part).toContain("> **Vraag:** Wat houdt de uitvoering tegen?");
    expect(part).toContain("Actie: Groep A: één loket voor vergunningen");
    expect(part).toContain("Inzicht: Groepsnotitie Noord");
    expect(markdown).not.toContain(zuid.text);
    // A group item is told once, as the group's, not also among the room's own actions.
    expect(markdown.split("één loket voor vergunningen")).toHaveLength(2);

    await callerFor(t.handle, t.world.moderator).capture.shareGroup({
      sessionId: t.sessionId,
      groupId: groupB,
    });
    const after = await exportData();
    const english = (
      await collect(renderExport(after, { kind: "essay", format: "md", locale: "en" }).body)
    ).toString();
    expect(english).toContain("### From the groups");
    // Group B has no question of its own: the theme's guiding question, in the reader's language.
    expect(english).toContain(`#### Tafel Zuid\n\n> **Question:** ${themeQuestion.en ?? themeQuestion.nl}`);
    expect(english).toContain("Problem: Zuid: nog niet gedeeld");

    const blocks = readDocx(
      await collect(renderExport(after, { kind: "essay", format: "docx", locale: "nl" }).body),
    );
    const texts = blocks.map((b) => (b.type === "paragraph" ? b.text : ""));
    const start = texts.indexOf("Uit de groepen");
    expect(start).toBeGreaterThan(0);
    const groupPart = texts.slice(start);
    expect(groupPart).toContain("Tafel Noord");
    expect(groupPart).toContain("Vraag: Wat houdt de uitvoering tegen?");
    expect(groupPart).toContain("Actie: Groep A: één loket voor vergunningen");
    expect(groupPart).toContain("Tafel Zuid");
    expect(groupPart).toContain(`Vraag: ${themeQuestion.nl}`);

    const dashboard = await callerFor(t.handle, t.world.organiser).exports.dashboard({
      seriesId: t.world.seriesId,
    });
    const theme = dashboard.outcomesByTheme.find((th) => th.themePosition === 1);
    expect(theme?.fromGroups).toBe(3);
  });

  it("does not show an unshared group item through a link from a main item, until it is shared", async () => {
    const moderator = callerFor(t.handle, t.world.moderator);
    const main = await moderator.capture.outcome.capture({
      sessionId: t.sessionId,
      kind: "problem",
      text: "Plenair: vergunningen duren te lang",
    });
    const inGroup = await callerFor(t.handle, other).capture.outcome.capture({
      sessionId: t.sessionId,
      kind: "action",
      text: "Zuid, nog niet gedeeld: proef met één loket",
      breakoutGroupId: groupB,
    });
    await moderator.capture.outcome.link({ sessionId: t.sessionId, outcomeId: main.id, otherId: inGroup.id });
    const linksSeenBy = async (who: { personId: string }) =>
      (await sees(who, main.id))?.links.map((l) => l.text) ?? [];
    expect(await linksSeenBy(outsider)).toEqual([]);
    expect(await linksSeenBy(member2)).toEqual([]);
    // From inside the group the link is there, both ways.
    expect((await sees(other, inGroup.id))?.links.map((l) => l.text)).toEqual([main.text]);
    await moderator.capture.shareGroup({ sessionId: t.sessionId, groupId: groupB });
    expect(await linksSeenBy(outsider)).toEqual([inGroup.text]);
  });
  it("takes no review of an unshared group action from outside the group: to them it does not exist", async () => {
    const action = await callerFor(t.handle, other).capture.outcome.capture({
      sessionId: t.sessionId,
      kind: "action",
      text: "Zuid, nog niet gedeeld: wijkteams krijgen één budget",
      breakoutGroupId: groupB,
    });
    await setSessionStatus(t.handle, t.sessionId, "ended");
    await callerFor(t.handle, t.world.organiser).capture.review.setDeadline({
      sessionId: t.sessionId,
      deadline: new Date(Date.now() + 60_000).toISOString(),
    });
    const review = (who: { personId: string }, outcomeId: string) =>
      callerFor(t.handle, who).capture.review.submit({ sessionId: t.sessionId, outcomeId, verdict: "agree" });
    const unknown = await errorOf(review(outsider, randomUUID()));
    const refused = await errorOf(review(outsider, action.id));
    expect(refused.code).toBe("NOT_FOUND");
    expect(refused.message).toBe(unknown.message);
    expect((await errorOf(review(member2, action.id))).code).toBe("NOT_FOUND");
    await expect(review(other, action.id)).resolves.toMatchObject({ myVerdict: "agree" });
    await callerFor(t.handle, t.world.moderator).capture.shareGroup({
      sessionId: t.sessionId,
      groupId: groupB,
    });
    await expect(review(outsider, action.id)).resolves.toMatchObject({ myVerdict: "agree" });
  });
});
