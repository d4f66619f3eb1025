import { randomBytes } from "node:crypto";

/** 128 random bits: a room name that cannot be guessed or derived from the session. */
export function newRoomName(): string {
  return `rk_${randomBytes(16).toString("base64url")}`;
}
