import { and, type Database, eq, newRoomName, Session, Theme, type Transaction } from "@reeks/db";
import { enqueueJobs } from "@reeks/jobs";
import {
  AUTHORING_LIMITS,
  type addSessionInputSchema,
  type moveSessionInputSchema,
  type removeSessionInputSchema,
  type setSessionDateInputSchema,
  type updateSessionInputSchema,
} from "@reeks/models";
import type { z } from "zod";
import { DomainError, fieldError } from "../domain-error";
import { scheduleSession } from "../scheduling/confirm";
import { type AuthoringActor, editSeries, renumber } from "./editor";

async function sessionOf(tx: Transaction, seriesId: string, sessionId: string) {
  const session = await tx.query.Session.findFirst({
    where: and(eq(Session.id, sessionId), eq(Session.seriesId, seriesId)),
  });
  if (!session) throw new DomainError("NOT_FOUND", "sessionNotInSeries");
  return session;
}

async function themeOf(tx: Transaction, seriesId: string, themeId: string) {
  const theme = await tx.query.Theme.findFirst({
    where: and(eq(Theme.id, themeId), eq(Theme.seriesId, seriesId)),
  });
  if (!theme) throw new DomainError("NOT_FOUND", "themeNotFound");
  return theme;
}

function fieldsOf(session: typeof Session.$inferSelect) {
  return {
    durationMinutes: session.durationMinutes,
    capacity: session.capacity,
    speakers: session.speakers,
  };
}

/** Another session of a theme (one comes with every theme). */
export async function addSession(
  db: Database,
  input: z.infer<typeof addSessionInputSchema>,
  actor: AuthoringActor,
) {
  return editSeries(
    db,
    { actor, expectedVersion: input.expectedVersion, action: "session.add" },
    async (tx) => {
      const theme = await themeOf(tx, actor.seriesId, input.themeId);
      const siblings = await tx.select({ id: Session.id }).from(Session).where(eq(Session.themeId, theme.id));
      if (siblings.length >= AUTHORING_LIMITS.sessionsPerTheme) {
        throw new DomainError("BAD_REQUEST", "tooManySessions", {
          params: { max: AUTHORING_LIMITS.sessionsPerTheme },
        });
      }
      const [session] = await tx
        .insert(Session)
        .values({
          seriesId: actor.seriesId,
          themeId: theme.id,
          // Past every other; renumber puts it last within its theme.
          position: 2_000_000,
          roomName: newRoomName(),
          ...input.fields,
        })
        .returning();
      if (!session) throw new Error("session missing after insert");
      await renumber(tx, actor.seriesId);
      return { after: { sessionId: session.id, themeId: theme.id, ...fieldsOf(session) } };
    },
  );
}

export async function updateSession(
  db: Database,
  input: z.infer<typeof updateSessionInputSchema>,
  actor: AuthoringActor,
) {
  return editSeries(
    db,
    {
      actor,
      expectedVersion: input.expectedVersion,
      action: "session.edit",
      target: `session:${input.sessionId}`,
    },
    async (tx) => {
      const session = await sessionOf(tx, actor.seriesId, input.sessionId);
      await tx.update(Session).set(input.fields).where(eq(Session.id, session.id));
      return { before: fieldsOf(session), after: { ...fieldsOf(session), ...input.fields } };
    },
  );
}

/** To another theme of the series, while the session is not scheduled yet. */
export async function moveSession(
  db: Database,
  input: z.infer<typeof moveSessionInputSchema>,
  actor: AuthoringActor,
) {
  return editSeries(
    db,
    {
      actor,
      expectedVersion: input.expectedVersion,
      action: "session.move",
      target: `session:${input.sessionId}`,
    },
    async (tx) => {
      const session = await sessionOf(tx, actor.seriesId, input.sessionId);
      const theme = await themeOf(tx, actor.seriesId, input.themeId);
      if (session.status !== "draft") throw new DomainError("PRECONDITION_FAILED", "sessionNotDraft");
      const left = await tx
        .select({ id: Session.id })
        .from(Session)
        .where(eq(Session.themeId, session.themeId));
      if (left.length <= 1 && session.themeId !== theme.id) {
        throw new DomainError("PRECONDITION_FAILED", "lastSessionOfTheme");
      }
      await tx
        .update(Session)
        .set({ themeId: theme.id, position: 2_000_000 })
        .where(eq(Session.id, session.id));
      await renumber(tx, actor.seriesId);
      return { before: { themeId: session.themeId }, after: { themeId: theme.id } };
    },
  );
}

export async function removeSession(
  db: Database,
  input: z.infer<typeof removeSessionInputSchema>,
  actor: AuthoringActor,
) {
  return editSeries(
    db,
    {
      actor,
      expectedVersion: input.expectedVersion,
      action: "session.remove",
      target: `session:${input.sessionId}`,
    },
    async (tx) => {
      const session = await sessionOf(tx, actor.seriesId, input.sessionId);
      if (session.status !== "draft") throw new DomainError("PRECONDITION_FAILED", "sessionNotDraft");
      const siblings = await tx
        .select({ id: Session.id })
        .from(Session)
        .where(eq(Session.themeId, session.themeId));
      if (siblings.length <= 1) throw new DomainError("PRECONDITION_FAILED", "lastSessionOfTheme");
      await tx.delete(Session).where(eq(Session.id, session.id));
      await renumber(tx, actor.seriesId);
      return { before: { sessionId: session.id, themeId: session.themeId, ...fieldsOf(session) } };
    },
  );
}

/**
 * Sets a session's date directly (instead of through the availability poll). A session that was
 * already confirmed gets updated invitations: the same calendar UID with SEQUENCE raised by one, and
 * a mail that says it changed (the scheduling flow's own invitations job).
 */
export async function setSessionDate(
  db: Database,
  input: z.infer<typeof setSessionDateInputSchema>,
  actor: AuthoringActor,
  now: Date = new Date(),
) {
  const startsAt = new Date(input.startsAt);
  if (startsAt.getTime() <= now.getTime()) throw fieldError(["startsAt"], "dateInPast");
  return editSeries(
    db,
    {
      actor,
      expectedVersion: input.expectedVersion,
      action: "session.set_date",
      target: `session:${input.sessionId}`,
    },
    async (tx) => {
      const session = await sessionOf(tx, actor.seriesId, input.sessionId);
      if (session.status !== "draft" && session.status !== "scheduled") {
        throw new DomainError("PRECONDITION_FAILED", "sessionNotReschedulable");
      }
      const endsAt = new Date(startsAt.getTime() + session.durationMinutes * 60_000);
      const scheduled = await scheduleSession(tx, session, { startsAt, endsAt });
      await enqueueJobs(tx, scheduled.jobs);
      return {
        before: { startsAt: session.startsAt?.toISOString() ?? null, status: session.status },
        after: { startsAt: startsAt.toISOString(), sequence: scheduled.sequence },
      };
    },
  );
}
