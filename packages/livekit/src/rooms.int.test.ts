import { describe, expect, it } from "vitest";
import type { LivekitConnection } from "./connection";
import { createRoomService, livekitIsHealthy } from "./rooms";

/** Provided by the global setup (or pnpm test). */
function testLivekit(): LivekitConnection {
  const { LIVEKIT_URL, LIVEKIT_API_KEY, LIVEKIT_API_SECRET } = process.env;
  if (!LIVEKIT_URL || !LIVEKIT_API_KEY || !LIVEKIT_API_SECRET) throw new Error("no test livekit-server");
  return { url: LIVEKIT_URL, apiKey: LIVEKIT_API_KEY, apiSecret: LIVEKIT_API_SECRET };
}

describe("the test run's livekit-server", () => {
  it("answers RoomServiceClient calls", async () => {
    const rooms = createRoomService(testLivekit());
    expect(await livekitIsHealthy(rooms)).toBe(true);
    const name = `probe_${Date.now()}`;
    await rooms.createRoom({ name, emptyTimeout: 10 });
    expect((await rooms.listRooms([name])).map((r) => r.name)).toEqual([name]);
    await rooms.deleteRoom(name);
  });

  it("refuses a wrong secret", async () => {
    const rooms = createRoomService({ ...testLivekit(), apiSecret: "wrong".repeat(8) });
    await expect(rooms.listRooms()).rejects.toThrow();
  });

  it("is reported unhealthy when nothing listens", async () => {
    const rooms = createRoomService({ url: "ws://127.0.0.1:9", apiKey: "k", apiSecret: "s".repeat(32) });
    expect(await livekitIsHealthy(rooms, 1000)).toBe(false);
  });
});
