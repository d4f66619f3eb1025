import { and, type Database, eq, Participant, Series, Theme } from "@reeks/db";
import { roleAtLeast } from "../access";
import type { SessionActor } from "../actor";
import { DomainError } from "../domain-error";
import type { MessageKey } from "../messages";

/** Who calls a capture service: the one Actor of a session-scoped procedure (../actor.ts). */
export type CaptureActor = SessionActor;

/** Who is looking: decides which names and personal fields a view may carry. */
export interface Viewer {
  participantId: string;
  moderator: boolean;
}

export function viewerOf(actor: Pick<CaptureActor, "participantId" | "role">): Viewer {
  return { participantId: actor.participantId, moderator: roleAtLeast(actor.role, "moderator") };
}

export function isModerator(actor: Pick<CaptureActor, "role">): boolean {
  return roleAtLeast(actor.role, "moderator");
}

export function badRequest(key: MessageKey): DomainError {
  return new DomainError("BAD_REQUEST", key);
}

export function notFound(key: MessageKey): DomainError {
  return new DomainError("NOT_FOUND", key);
}

/** A theme id from the input must be one of this series' themes. */
export async function assertThemeInSeries(db: Database, themeId: string, seriesId: string): Promise<void> {
  const theme = await db.query.Theme.findFirst({
    where: and(eq(Theme.id, themeId), eq(Theme.seriesId, seriesId)),
    columns: { id: true },
  });
  if (!theme) throw notFound("themeNotFound");
}

/** A participant id from the input must be an approved participant of this series. */
export async function assertParticipantInSeries(db: Database, participantId: string, seriesId: string) {
  const participant = await db.query.Participant.findFirst({
    where: and(eq(Participant.id, participantId), eq(Participant.seriesId, seriesId)),
    columns: { id: true, status: true },
  });
  if (participant?.status !== "approved") throw notFound("participantNotFound");
}

export async function seriesDefaults(db: Database, seriesId: string) {
  const series = await db.query.Series.findFirst({
    where: eq(Series.id, seriesId),
    columns: { defaultAttribution: true, timeZone: true },
  });
  if (!series) throw notFound("seriesNotFound");
  return series;
}
