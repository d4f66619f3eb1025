import { Room } from "@livekit/rtc-node";

export interface Bot {
  identity: string;
  room: Room;
  /** When connect() resolved: the bot is in the room. */
  joinedAt: Date;
  leave(): Promise<Date>;
}

/**
 * A headless participant (LiveKit's Rust SDK through rtc-node) joining with the given token.
 * Pass your own `room` to keep it referenced when connect() fails: rtc-node 1.1.0 then may hold a
 * handle the Rust side already dropped, and garbage-collecting it throws "trying to drop an invalid
 * handle" as an uncaught exception.
 */
export async function joinBot(url: string, token: string, identity: string, room = new Room()): Promise<Bot> {
  await room.connect(url, token, { autoSubscribe: false, dynacast: false });
  const joinedAt = new Date();
  return {
    identity,
    room,
    joinedAt,
    async leave() {
      await room.disconnect();
      return new Date();
    },
  };
}
