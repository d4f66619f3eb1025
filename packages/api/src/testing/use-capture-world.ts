import type { DatabaseHandle } from "@reeks/db";
import { createTestDatabase } from "@reeks/db/testing";
import { afterAll, beforeAll } from "vitest";
import { type CaptureWorld, captureWorld } from "./worlds";

export interface CaptureTestWorld {
  handle: DatabaseHandle;
  world: CaptureWorld;
  /** The first session of the demo series. */
  sessionId: string;
}

/**
 * A fresh database with the capture world for the tests of one `describe` block: filled before the
 * first test, closed after the last. Read the fields inside tests, not at registration time.
 */
export function useCaptureWorld(): CaptureTestWorld {
  const state = {} as CaptureTestWorld;
  beforeAll(async () => {
    state.handle = await createTestDatabase();
    state.world = await captureWorld(state.handle);
    state.sessionId = state.world.sessions[0]?.id ?? "";
  });
  afterAll(() => state.handle.close());
  return state;
}
