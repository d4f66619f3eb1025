import { describe, expect, it } from "vitest";
import { createSerialQueue } from "./one-at-a-time";

describe("createSerialQueue", () => {
  it("never runs two tasks at once, keeps their order, and survives a failure", async () => {
    const enqueue = createSerialQueue();
    let running = 0;
    let maxRunning = 0;
    const order: number[] = [];
    const task =
      (n: number, fail = false) =>
      async () => {
        running += 1;
        maxRunning = Math.max(maxRunning, running);
        await new Promise((resolve) => setTimeout(resolve, 5));
        order.push(n);
        running -= 1;
        if (fail) throw new Error(`task ${n} failed`);
        return n;
      };
    const results = await Promise.allSettled([enqueue(task(1)), enqueue(task(2, true)), enqueue(task(3))]);
    expect(maxRunning).toBe(1);
    expect(order).toEqual([1, 2, 3]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
  });
});
