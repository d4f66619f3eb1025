import { randomBytes } from "node:crypto";
import { AccessToken, type VideoGrant } from "livekit-server-sdk";
import type { LivekitConnection } from "./connection";

/** Tokens are short-lived: a browser asks for one just before it connects. */
export const CONNECTION_TEST_TTL_SECONDS = 5 * 60;

/** A room name for a connection test: only the person who asked knows it. */
export function newConnectionTestRoom(): string {
  return `test_${randomBytes(16).toString("base64url")}`;
}

/** Identities are opaque: LiveKit logs them, so they never carry a name or an e-mail address. */
export function newOpaqueIdentity(): string {
  return `p_${randomBytes(12).toString("base64url")}`;
}

export interface MintedToken {
  token: string;
  url: string;
  room: string;
  identity: string;
  expiresAt: string;
}

/**
 * A token for "test your connection": join one throwaway room, publish camera and microphone to
 * check the media path, nothing else (no room admin, no other room).
 */
export async function mintConnectionTestToken(
  connection: LivekitConnection,
  options: { publicUrl?: string } = {},
): Promise<MintedToken> {
  const room = newConnectionTestRoom();
  const identity = newOpaqueIdentity();
  const grant: VideoGrant = {
    room,
    roomJoin: true,
    roomCreate: false,
    roomAdmin: false,
    roomList: false,
    canPublish: true,
    canPublishData: false,
    canSubscribe: true,
    canPublishSources: [],
  };
  const token = new AccessToken(connection.apiKey, connection.apiSecret, {
    identity,
    ttl: CONNECTION_TEST_TTL_SECONDS,
  });
  token.addGrant(grant);
  return {
    token: await token.toJwt(),
    url: options.publicUrl ?? connection.url,
    room,
    identity,
    expiresAt: new Date(Date.now() + CONNECTION_TEST_TTL_SECONDS * 1000).toISOString(),
  };
}
