import { API_CLIENT_LIMITS } from "@reeks/models";
import { describe, expect, it } from "vitest";
import { ConfigError, loadEnv } from "./env";

describe("loadEnv", () => {
  it("defaults to port 3000 and the embedded database", () => {
    const env = loadEnv({});
    expect(env.PORT).toBe(3000);
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.REEKS_DATA_DIR).toMatch(/\.reeks$/);
  });

  it("names the variable that is wrong, in one line", () => {
    expect(() => loadEnv({ PORT: "eighty" })).toThrow(ConfigError);
    expect(() => loadEnv({ PORT: "eighty" })).toThrow(/^Configuration error: PORT /);
    expect(() => loadEnv({ DATABASE_URL: "mysql://x" })).toThrow(
      /DATABASE_URL must start with postgres:\/\//,
    );
  });

  it("wants LiveKit's URL with its key pair, and the key with its secret", () => {
    expect(() => loadEnv({ LIVEKIT_URL: "ws://localhost:7880" })).toThrow(
      /LIVEKIT_URL needs LIVEKIT_API_KEY and LIVEKIT_API_SECRET/,
    );
    expect(() => loadEnv({ LIVEKIT_API_KEY: "key" })).toThrow(
      /LIVEKIT_API_KEY and LIVEKIT_API_SECRET go together/,
    );
    // A pair alone: the embedded server's keys (production).
    expect(
      loadEnv({ LIVEKIT_API_KEY: "key", LIVEKIT_API_SECRET: "s".repeat(32) }).LIVEKIT_URL,
    ).toBeUndefined();
    const env = loadEnv({
      LIVEKIT_URL: "ws://localhost:7880",
      LIVEKIT_API_KEY: "key",
      LIVEKIT_API_SECRET: "s".repeat(32),
    });
    expect(env.LIVEKIT_URL).toBe("ws://localhost:7880");
  });

  it("takes the production LiveKit settings: node address, TURN name, ports and certificate", () => {
    const env = loadEnv({
      LIVEKIT_NODE_IP: "203.0.113.10",
      LIVEKIT_TURN_DOMAIN: "turn.example.nl",
      LIVEKIT_TURN_IP: "203.0.113.11",
      LIVEKIT_TURN_CERT_FILE: "/etc/reeks/turn/cert.pem",
      LIVEKIT_TURN_KEY_FILE: "/etc/reeks/turn/key.pem",
    });
    expect([env.LIVEKIT_TURN_UDP_PORT, env.LIVEKIT_TURN_TLS_PORT]).toEqual([3478, 443]);
    expect(() => loadEnv({ LIVEKIT_NODE_IP: "my-server" })).toThrow(/^Configuration error: LIVEKIT_NODE_IP /);
    expect(() => loadEnv({ LIVEKIT_TURN_DOMAIN: "turn_example" })).toThrow(
      /LIVEKIT_TURN_DOMAIN must be a host name/,
    );
    // TLS without a certificate cannot start; without TLS it may.
    expect(() => loadEnv({ LIVEKIT_TURN_DOMAIN: "turn.example.nl" })).toThrow(/LIVEKIT_TURN_CERT_FILE/);
    expect(
      loadEnv({ LIVEKIT_TURN_DOMAIN: "turn.example.nl", LIVEKIT_TURN_TLS_PORT: "0" }).LIVEKIT_TURN_TLS_PORT,
    ).toBe(0);
  });

  it("keeps live events 7 days after their session by default, configurable in whole days", () => {
    expect(loadEnv({}).LIVE_EVENT_RETENTION_DAYS).toBe(7);
    expect(loadEnv({ LIVE_EVENT_RETENTION_DAYS: "30" }).LIVE_EVENT_RETENTION_DAYS).toBe(30);
    expect(() => loadEnv({ LIVE_EVENT_RETENTION_DAYS: "0" })).toThrow(/LIVE_EVENT_RETENTION_DAYS/);
    expect(() => loadEnv({ LIVE_EVENT_RETENTION_DAYS: "1.5" })).toThrow(/LIVE_EVENT_RETENTION_DAYS/);
  });

  it("bounds API requests by default, and never below what the web client sends", () => {
    const env = loadEnv({});
    expect([env.API_MAX_BATCH_SIZE, env.API_MAX_URL_LENGTH, env.API_RATE_LIMIT]).toEqual([20, 8192, 600]);
    expect(env.API_MAX_BODY_BYTES).toBe(1024 * 1024);
    expect(() => loadEnv({ API_MAX_BATCH_SIZE: String(API_CLIENT_LIMITS.batchItems - 1) })).toThrow(
      /API_MAX_BATCH_SIZE/,
    );
    expect(() => loadEnv({ API_MAX_URL_LENGTH: String(API_CLIENT_LIMITS.urlLength - 1) })).toThrow(
      /API_MAX_URL_LENGTH/,
    );
    expect(loadEnv({ API_RATE_LIMIT: "0" }).API_RATE_LIMIT).toBe(0);
  });
});

describe("loadEnv in production", () => {
  const production = {
    NODE_ENV: "production",
    PUBLIC_URL: "https://reeks.example.nl",
    AUTH_SECRET: "a".repeat(43),
    LIVEKIT_API_KEY: "APIx7fk29dke3s",
    LIVEKIT_API_SECRET: "b".repeat(43),
    SMTP_URL: "smtp://mail.example.nl:587",
  };

  it("starts with an https origin and every secret given", () => {
    const env = loadEnv(production);
    expect(env.NODE_ENV).toBe("production");
    expect(env.LIVEKIT_URL).toBeUndefined();
  });

  it("refuses LiveKit's development key pair", () => {
    expect(() => loadEnv({ ...production, LIVEKIT_API_KEY: "devkey" })).toThrow(
      /LIVEKIT_API_KEY is a development key/,
    );
    expect(() => loadEnv({ ...production, LIVEKIT_API_KEY: "devkey", LIVEKIT_API_SECRET: "secret" })).toThrow(
      ConfigError,
    );
    expect(() => loadEnv({ ...production, LIVEKIT_API_SECRET: "short" })).toThrow(/LIVEKIT_API_SECRET/);
  });

  it("wants PUBLIC_URL on https, AUTH_SECRET and the LiveKit pair from the environment", () => {
    const { PUBLIC_URL: _url, ...noUrl } = production;
    expect(() => loadEnv(noUrl)).toThrow(/PUBLIC_URL is required in production/);
    expect(() => loadEnv({ ...production, PUBLIC_URL: "http://reeks.example.nl" })).toThrow(
      /PUBLIC_URL must be https:\/\//,
    );
    const { AUTH_SECRET: _secret, ...noSecret } = production;
    expect(() => loadEnv(noSecret)).toThrow(/AUTH_SECRET is required/);
    expect(() => loadEnv({ ...production, AUTH_SECRET: "too short" })).toThrow(/AUTH_SECRET/);
    const { LIVEKIT_API_KEY: _key, LIVEKIT_API_SECRET: _lkSecret, ...noKeys } = production;
    expect(() => loadEnv(noKeys)).toThrow(/LIVEKIT_API_KEY and LIVEKIT_API_SECRET are required/);
    const { SMTP_URL: _smtp, ...noMail } = production;
    expect(() => loadEnv(noMail)).toThrow(/SMTP_URL is required in production/);
  });

  it("allows development without any of them", () => {
    expect(loadEnv({ NODE_ENV: "development" }).PUBLIC_URL).toBeUndefined();
  });
});
