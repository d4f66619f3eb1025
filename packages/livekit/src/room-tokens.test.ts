import { TokenVerifier, TrackSource } from "livekit-server-sdk";
import { describe, expect, it } from "vitest";
import { mintRoomToken } from "./room-tokens";

const connection = { url: "ws://127.0.0.1:7880", apiKey: "devkey", apiSecret: "x".repeat(40) };
const verifier = new TokenVerifier(connection.apiKey, connection.apiSecret);

describe("session room tokens", () => {
  it("let members subscribe and send data, but publish no media and administer nothing", async () => {
    const { token } = await mintRoomToken(connection, { room: "rk_a", identity: "p_x", canPublish: false });
    const claims = await verifier.verify(token);
    expect(claims.sub).toBe("p_x");
    expect(claims.video).toMatchObject({
      room: "rk_a",
      roomJoin: true,
      canSubscribe: true,
      canPublishData: true,
    });
    expect(claims.video?.canPublish).toBe(false);
    expect(claims.video?.canPublishSources ?? []).toEqual([]);
    expect(claims.video?.roomAdmin).toBeFalsy();
    expect(claims.video?.roomCreate).toBeFalsy();
    expect(claims.video?.roomList).toBeFalsy();
    const ttl = (claims.exp ?? 0) - Math.floor(Date.now() / 1000);
    expect(ttl).toBeGreaterThan(60);
    expect(ttl).toBeLessThanOrEqual(15 * 60);
  });

  it("let the stage publish camera, microphone and screen, still without roomAdmin", async () => {
    const { token } = await mintRoomToken(connection, { room: "rk_a", identity: "p_y", canPublish: true });
    const claims = await verifier.verify(token);
    expect(claims.video?.canPublish).toBe(true);
    expect(claims.video?.canPublishSources).toEqual([
      "camera",
      "microphone",
      "screen_share",
      "screen_share_audio",
    ]);
    expect(claims.video?.roomAdmin).toBeFalsy();
    expect(TrackSource.MICROPHONE).toBeDefined();
  });
});
