import { afterEach, describe, expect, it, vi } from "vitest";
import { describeDatabaseError, isDatabaseUnavailable, loggableError } from "./availability";
import { Outage, startLoop } from "./outage";

/** What pg and drizzle throw when PostgreSQL is gone: a DrizzleQueryError around the socket error. */
function failedQuery(cause: Error) {
  return new Error('Failed query: select * from "auth_session" where "token" = $1\nparams: secret-token', {
    cause,
  });
}
const refused = () =>
  Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" });
const shuttingDown = () =>
  Object.assign(new Error("terminating connection due to administrator command"), { code: "57P01" });

describe("isDatabaseUnavailable", () => {
  it("sees a lost connection through the errors wrapping it", () => {
    expect(isDatabaseUnavailable(failedQuery(refused()))).toBe(true);
    expect(isDatabaseUnavailable(new Error("outer", { cause: failedQuery(shuttingDown()) }))).toBe(true);
    expect(isDatabaseUnavailable(new Error("Connection terminated unexpectedly"))).toBe(true);
    expect(isDatabaseUnavailable(new Error("PGlite is closed"))).toBe(true);
  });

  it("does not take a bad query or a bug for an outage", () => {
    const uniqueViolation = Object.assign(new Error("duplicate key"), { code: "23505" });
    expect(isDatabaseUnavailable(failedQuery(uniqueViolation))).toBe(false);
    expect(isDatabaseUnavailable(new TypeError("x is undefined"))).toBe(false);
    expect(isDatabaseUnavailable("ECONNREFUSED")).toBe(false);
  });
});

describe("describeDatabaseError and loggableError", () => {
  it("never pass on the parameters of a failed query", () => {
    const error = failedQuery(refused());
    expect(describeDatabaseError(error)).toBe("connect ECONNREFUSED 127.0.0.1:5432");
    const logged = loggableError(new Error("tRPC failed", { cause: error }));
    expect(logged).not.toContain("secret-token");
    expect(logged).not.toContain("auth_session");
    expect(logged).toContain("connect ECONNREFUSED");
    expect(logged).toMatch(/at .*outage\.test\.ts/);
  });
});

describe("Outage", () => {
  it("logs an outage once when it begins and once when it ends, with capped exponential backoff", () => {
    let now = 1_000_000;
    const lines: string[] = [];
    const outage = new Outage("job worker", (line) => lines.push(line), {
      initialMs: 100,
      maxMs: 1_000,
      now: () => now,
    });
    const delays: number[] = [];
    for (let i = 0; i < 7; i++) {
      delays.push(outage.failure(failedQuery(refused())));
      expect(outage.waitMs()).toBe(delays.at(-1));
      now += delays.at(-1) ?? 0;
    }
    expect(delays).toEqual([100, 200, 400, 800, 1000, 1000, 1000]);
    expect(outage.down).toBe(true);
    expect(lines).toEqual([
      "job worker: database unavailable (connect ECONNREFUSED 127.0.0.1:5432); retrying every 1 s at most",
    ]);
    now += 500;
    outage.success();
    expect(lines[1]).toBe("job worker: database back after 5 s");
    expect(outage.down).toBe(false);
    expect(outage.waitMs()).toBe(0);
    // A second outage is logged again, and its backoff starts over.
    expect(outage.failure(shuttingDown())).toBe(100);
    expect(lines).toHaveLength(3);
    outage.success();
    outage.success();
    expect(lines).toHaveLength(4);
  });

  it("logs every other error, without query parameters", () => {
    const lines: string[] = [];
    const outage = new Outage("maintenance", (line) => lines.push(line), { initialMs: 10 });
    outage.failure(failedQuery(Object.assign(new Error("duplicate key"), { code: "23505" })));
    outage.failure(new TypeError("x is undefined"));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^maintenance failed: /);
    expect(lines.join("\n")).not.toContain("secret-token");
    expect(outage.down).toBe(false);
  });
});

describe("startLoop", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("survives failing passes, backs off, and returns to its interval once they succeed", async () => {
    vi.useFakeTimers();
    const lines: string[] = [];
    const passes: number[] = [];
    let failuresLeft = 4;
    const loop = startLoop({
      name: "test loop",
      log: (line) => lines.push(line),
      initialMs: 100,
      maxMs: 400,
      intervalMs: 1_000,
      run: async () => {
        passes.push(Date.now());
        if (failuresLeft-- > 0) throw failedQuery(refused());
      },
    });
    await vi.advanceTimersByTimeAsync(0);
    await vi.advanceTimersByTimeAsync(100 + 200 + 400 + 400);
    const start = passes[0] ?? 0;
    expect(passes.map((at) => at - start)).toEqual([0, 100, 300, 700, 1100]);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(passes.map((at) => at - start)).toEqual([0, 100, 300, 700, 1100, 2100]);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^test loop: database unavailable/);
    expect(lines[1]).toBe("test loop: database back after 1 s");
    await loop.stop();
    await vi.advanceTimersByTimeAsync(5_000);
    expect(passes).toHaveLength(6);
  });

  it("runs again at once when woken during a pass, and at the given delay", async () => {
    vi.useFakeTimers();
    const passes: number[] = [];
    let release: () => void = () => {};
    const loop = startLoop({
      name: "test loop",
      log: () => {},
      intervalMs: 10_000,
      run: async () => {
        passes.push(Date.now());
        if (passes.length === 1) await new Promise<void>((resolve) => (release = resolve));
        return passes.length === 2 ? 50 : undefined;
      },
    });
    await vi.advanceTimersByTimeAsync(0);
    loop.wake();
    release();
    await vi.advanceTimersByTimeAsync(0);
    expect(passes).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(50);
    expect(passes).toHaveLength(3);
    await loop.stop();
  });
});
