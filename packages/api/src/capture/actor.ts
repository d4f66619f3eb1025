import { and, type Database, eq, Participant, Series, Theme } from "@reeks/db";
import { TRPCError } from "@trpc/server";
import { roleAtLeast } from "../access";
import type { SessionActor } from "../actor";
import type { Viewer } from "./views";

/** Who calls a capture service: the one Actor of a session-scoped procedure (../actor.ts). */
export type CaptureActor = SessionActor;

export function viewerOf(actor: Pick<CaptureActor, "participantId" | "role">): Viewer {
  return { participantId: actor.participantId, moderator: roleAtLeast(actor.role, "moderator") };
}

export function isModerator(actor: Pick<CaptureActor, "role">): boolean {
  return roleAtLeast(actor.role, "moderator");
}

export function badRequest(message: string): TRPCError {
  return new TRPCError({ code: "BAD_REQUEST", message });
}

export function notFound(what: string): TRPCError {
  return new TRPCError({ code: "NOT_FOUND", message: `${what} not found` });
}

/** A theme id from the input must be one of this series' themes. */
export async function assertThemeInSeries(db: Database, themeId: string, seriesId: string): Promise<void> {
  const theme = await db.query.Theme.findFirst({
    where: and(eq(Theme.id, themeId), eq(Theme.seriesId, seriesId)),
    columns: { id: true },
  });
  if (!theme) throw notFound("theme");
}

/** A participant id from the input must be an approved participant of this series. */
export async function assertParticipantInSeries(db: Database, participantId: string, seriesId: string) {
  const participant = await db.query.Participant.findFirst({
    where: and(eq(Participant.id, participantId), eq(Participant.seriesId, seriesId)),
    columns: { id: true, status: true },
  });
  if (participant?.status !== "approved") throw notFound("participant");
}

export async function seriesDefaults(db: Database, seriesId: string) {
  const series = await db.query.Series.findFirst({
    where: eq(Series.id, seriesId),
    columns: { defaultAttribution: true, timeZone: true },
  });
  if (!series) throw notFound("series");
  return series;
}
