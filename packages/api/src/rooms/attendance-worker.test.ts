import { describe, expect, it } from "vitest";
import { nextSliceBatch } from "./attendance-worker";
import { PROCESSING_BATCH } from "./webhook-events";

describe("the slice batch size of the attendance worker on PGlite", () => {
  it("halves after a batch that held the connection too long, down to one event", () => {
    expect(nextSliceBatch(8, 40)).toBe(4);
    expect(nextSliceBatch(1, 400)).toBe(1);
  });
  it("doubles after a quick batch, up to the calm batch size", () => {
    expect(nextSliceBatch(2, 1)).toBe(4);
    expect(nextSliceBatch(PROCESSING_BATCH, 1)).toBe(PROCESSING_BATCH);
  });
  it("keeps a size whose batches take about a slice", () => {
    expect(nextSliceBatch(6, 8)).toBe(6);
  });
});
