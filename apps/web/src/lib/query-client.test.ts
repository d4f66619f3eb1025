import { TRPCClientError } from "@trpc/client";
import { afterEach, describe, expect, it } from "vitest";

// TanStack Query polls only in a browser (it checks for `window` when loaded), so stand in for one.
(globalThis as { window?: unknown }).window ??= globalThis;
const { QueryObserver } = await import("@tanstack/react-query");
const { createQueryClient } = await import("./query-client");

function answer(httpStatus: number) {
  return TRPCClientError.from({
    error: { code: -32603, message: "Je hoort niet bij deze reeks.", data: { httpStatus } },
  });
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("query client: polling and 4xx", () => {
  const unsubscribes: Array<() => void> = [];
  afterEach(() => {
    for (const unsubscribe of unsubscribes.splice(0)) unsubscribe();
  });

  async function callsWhilePolling(status: number, refetchInterval: number | (() => number)) {
    const client = createQueryClient(() => {});
    let calls = 0;
    const observer = new QueryObserver(client, {
      queryKey: ["session", status],
      queryFn: async () => {
        calls += 1;
        throw answer(status);
      },
      refetchInterval,
      retryDelay: 1,
    });
    unsubscribes.push(observer.subscribe(() => {}));
    await wait(400);
    return calls;
  }

  it("asks once when the answer is 'not allowed' (403), also with an interval function", async () => {
    expect(await callsWhilePolling(403, 30)).toBe(1);
    expect(await callsWhilePolling(404, () => 30)).toBe(1);
  });

  it("keeps polling through a server error (5xx), which may pass", async () => {
    expect(await callsWhilePolling(503, 30)).toBeGreaterThan(3);
  });
});
