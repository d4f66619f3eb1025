import { Room } from "@livekit/rtc-node";

export interface Bot {
  identity: string;
  room: Room;
  /** When connect() resolved: the bot is in the room. */
  joinedAt: Date;
  leave(): Promise<Date>;
}

/** A headless participant (LiveKit's Rust SDK through rtc-node) joining with the given token. */
export async function joinBot(url: string, token: string, identity: string): Promise<Bot> {
  const room = new Room();
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
