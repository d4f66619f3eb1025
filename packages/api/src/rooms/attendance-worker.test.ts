import { describe, expect, it } from "vitest";
import { nextBusyBatch } from "./attendance-worker";
import { PROCESSING_BATCH } from "./webhook-events";

describe("the busy batch size of the attendance worker", () => {
  it("halves after a batch that held the connection too long, down to one event", () => {
    expect(nextBusyBatch(8, 40)).toBe(4);
    expect(nextBusyBatch(1, 400)).toBe(1);
  });
  it("doubles after a quick batch, up to the calm batch size", () => {
    expect(nextBusyBatch(2, 1)).toBe(4);
    expect(nextBusyBatch(PROCESSING_BATCH, 1)).toBe(PROCESSING_BATCH);
  });
  it("keeps a size whose batches take about a slice", () => {
    expect(nextBusyBatch(6, 8)).toBe(6);
  });
});
