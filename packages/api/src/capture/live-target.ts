import type { LiveEventView } from "@reeks/models";
import type { LiveEventRecord, LiveTarget } from "../live";
import { type CaptureActor, viewerOf } from "./actor";
import { liveEventView } from "./views";

/** Who follows a session's live events, as far as what they may see depends on it. */
export interface SessionStreamAccess {
  seriesId: string;
  sessionId: string;
  participantId: string;
  moderator: boolean;
}

export function sessionStreamAccess(actor: CaptureActor): SessionStreamAccess {
  const viewer = viewerOf(actor);
  return {
    seriesId: actor.seriesId,
    sessionId: actor.session.id,
    participantId: viewer.participantId,
    moderator: viewer.moderator,
  };
}

export interface SessionLiveTarget extends LiveTarget {
  view(event: LiveEventRecord): LiveEventView | null;
}

/** Events that look the same to everyone in the session (see liveEventView). */
const VIEWER_INDEPENDENT = new Set(["chat", "roster", "notes", "session", "breakout", "caption"]);

/**
 * A breakout group's notes are for that group and the moderators only, and a change of captioners for
 * the moderators and that person: not alike for everyone.
 */
function groupScoped(event: LiveEventRecord): boolean {
  if (event.type === "caption") return event.data.kind === "captioner";
  return event.type === "notes" && typeof event.data.breakoutGroupId === "string";
}

/** The session's events, each as this participant may see it. */
export function sessionLiveTarget(access: SessionStreamAccess): SessionLiveTarget {
  const viewer = { participantId: access.participantId, moderator: access.moderator };
  return {
    seriesId: access.seriesId,
    // A view depends on the session, the participant (their own items, votes, ballots) and the role.
    viewKey: `${access.sessionId}|${access.participantId}|${access.moderator ? "m" : "-"}`,
    sharedKey: (event) =>
      VIEWER_INDEPENDENT.has(event.type) && !groupScoped(event) ? `shared|${access.sessionId}` : null,
    view: (event) => (event.sessionId === access.sessionId ? liveEventView(event, viewer) : null),
  };
}
