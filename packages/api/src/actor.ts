import type { Session } from "@reeks/db";
import type { ParticipantRole } from "@reeks/models";

/**
 * Who calls a service, as a scoped procedure established it against the database (packages/api/src/
 * trpc.ts): an approved participant of `seriesId` with at least the procedure's role. Services take it
 * as they find it and never look the caller up again.
 */
export interface Actor {
  /** Person.id of the signed-in person. */
  personId: string;
  participantId: string;
  role: ParticipantRole;
  seriesId: string;
  /** The session the call names, for session-scoped procedures; null for series-scoped ones. */
  session: typeof Session.$inferSelect | null;
}

/** The actor of a session-scoped procedure: the same Actor, its session known. */
export type SessionActor = Actor & { session: typeof Session.$inferSelect };
