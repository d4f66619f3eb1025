import { describe, expect, it } from "vitest";
import { nextSliceBatch, SLICE_MS } from "./attendance-worker";
import { PROCESSING_BATCH } from "./webhook-events";

describe("the slice batch size of the attendance worker on PGlite", () => {
  it("halves after a batch that held the connection too long, down to one event", () => {
    expect(nextSliceBatch(8, SLICE_MS * 4)).toBe(4);
    expect(nextSliceBatch(1, SLICE_MS * 100)).toBe(1);
  });
  it("doubles after a quick batch, up to the calm batch size", () => {
    expect(nextSliceBatch(2, SLICE_MS / 10)).toBe(4);
    expect(nextSliceBatch(PROCESSING_BATCH, SLICE_MS / 10)).toBe(PROCESSING_BATCH);
  });
  it("keeps a size whose batches take about a slice", () => {
    expect(nextSliceBatch(6, SLICE_MS * 0.8)).toBe(6);
  });
});
