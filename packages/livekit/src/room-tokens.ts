import { AccessToken, type ParticipantPermission, TrackSource, type VideoGrant } from "livekit-server-sdk";
import type { LivekitConnection } from "./connection";

/** Session tokens live for minutes: a browser asks for one just before it connects. */
export const ROOM_TOKEN_TTL_SECONDS = 10 * 60;

/** What a speaker or moderator may publish; members publish nothing but data. */
export const STAGE_SOURCES = [
  TrackSource.CAMERA,
  TrackSource.MICROPHONE,
  TrackSource.SCREEN_SHARE,
  TrackSource.SCREEN_SHARE_AUDIO,
];

export interface RoomTokenRequest {
  room: string;
  identity: string;
  /** Speakers, moderators and members brought on stage publish camera, microphone and screen. */
  canPublish: boolean;
  /** Free-form JSON other participants see; never personal data beyond what the role needs. */
  metadata?: string;
  ttlSeconds?: number;
}

/**
 * The grant for a session room. Everyone subscribes and may send data (raised hands, reactions);
 * publishing media depends on the stage; nobody gets roomAdmin, roomCreate or roomList — moderator
 * actions run on the server with the API key instead.
 */
export function roomGrant(request: Pick<RoomTokenRequest, "room" | "canPublish">): VideoGrant {
  return {
    room: request.room,
    roomJoin: true,
    roomCreate: false,
    roomAdmin: false,
    roomList: false,
    roomRecord: false,
    canSubscribe: true,
    canPublishData: true,
    canUpdateOwnMetadata: false,
    canPublish: request.canPublish,
    canPublishSources: request.canPublish ? STAGE_SOURCES : [],
  };
}

/** The same permissions as `roomGrant`, for `updateParticipant` (which replaces them atomically). */
export function stagePermission(canPublish: boolean): Partial<ParticipantPermission> {
  return {
    canSubscribe: true,
    canPublishData: true,
    canUpdateMetadata: false,
    canPublish,
    canPublishSources: canPublish ? STAGE_SOURCES : [],
  };
}

export async function mintRoomToken(
  connection: LivekitConnection,
  request: RoomTokenRequest,
): Promise<{ token: string; expiresAt: string }> {
  const ttl = request.ttlSeconds ?? ROOM_TOKEN_TTL_SECONDS;
  const token = new AccessToken(connection.apiKey, connection.apiSecret, {
    identity: request.identity,
    ttl,
    ...(request.metadata ? { metadata: request.metadata } : {}),
  });
  token.addGrant(roomGrant(request));
  return { token: await token.toJwt(), expiresAt: new Date(Date.now() + ttl * 1000).toISOString() };
}
