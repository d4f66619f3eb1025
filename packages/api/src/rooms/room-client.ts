import type { Database } from "@reeks/db";
import { createRoomService, type LivekitConnection } from "@reeks/livekit";
import { type RoomServiceClient, TwirpError } from "livekit-server-sdk";
import type { LivekitContext } from "../context";
import { DomainError } from "../domain-error";

/** What the room services need besides the actor: the database and the media server. */
export interface RoomDeps {
  db: Database;
  livekit: LivekitContext;
}

export function roomsOf(livekit: { connection: LivekitConnection }): RoomServiceClient {
  return createRoomService(livekit.connection);
}

function isNotFound(error: unknown): boolean {
  return error instanceof TwirpError && (error.status === 404 || error.code === "not_found");
}

/** Anything else LiveKit answers (timeouts, refused connections) is the media server's trouble, not the caller's. */
function mediaUnavailable(error: unknown): DomainError {
  console.warn("LiveKit call failed:", error instanceof Error ? error.message : String(error));
  return new DomainError("SERVICE_UNAVAILABLE", "mediaUnavailable");
}

export async function livekitCall<T>(call: Promise<T>): Promise<T> {
  try {
    return await call;
  } catch (error) {
    throw mediaUnavailable(error);
  }
}

/** LiveKit calls about someone who is not connected right now fail with not_found: nothing to do then. */
export async function ifConnected<T>(call: Promise<T>): Promise<T | null> {
  try {
    return await call;
  } catch (error) {
    if (isNotFound(error)) return null;
    throw mediaUnavailable(error);
  }
}
