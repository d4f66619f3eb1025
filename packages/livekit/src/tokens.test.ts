import { TokenVerifier } from "livekit-server-sdk";
import { describe, expect, it } from "vitest";
import { mintConnectionTestToken } from "./tokens";

const connection = { url: "ws://127.0.0.1:7880", apiKey: "devkey", apiSecret: "x".repeat(40) };

describe("connection-test tokens", () => {
  it("grant one fresh room, publishing without admin rights, for minutes only", async () => {
    const minted = await mintConnectionTestToken(connection);
    const claims = await new TokenVerifier(connection.apiKey, connection.apiSecret).verify(minted.token);
    expect(claims.video?.room).toBe(minted.room);
    expect(claims.video?.roomJoin).toBe(true);
    expect(claims.video?.canPublish).toBe(true);
    expect(claims.video?.roomAdmin).toBeFalsy();
    expect(claims.video?.roomCreate).toBeFalsy();
    expect(claims.video?.roomList).toBeFalsy();
    expect(claims.sub).toBe(minted.identity);
    const ttl = (claims.exp ?? 0) - Math.floor(Date.now() / 1000);
    expect(ttl).toBeGreaterThan(60);
    expect(ttl).toBeLessThanOrEqual(5 * 60);
  });

  it("never reuses a room or an identity", async () => {
    const a = await mintConnectionTestToken(connection);
    const b = await mintConnectionTestToken(connection);
    expect(a.room).not.toBe(b.room);
    expect(a.identity).not.toBe(b.identity);
    expect(a.identity).toMatch(/^p_[A-Za-z0-9_-]+$/);
  });
});
