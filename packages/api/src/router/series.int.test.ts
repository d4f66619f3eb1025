import { type DatabaseHandle, DEMO_SERIES_SLUG, seedDemoSeries } from "@reeks/db";
import { createTestDatabase } from "@reeks/db/testing";
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createContextInner } from "../context";
import { appRouter } from "../root";
import { fakeLivekit as livekit } from "../testing";
import { createCallerFactory } from "../trpc";

describe("series procedures", () => {
  let handle: DatabaseHandle;
  const createCaller = createCallerFactory(appRouter);
  beforeAll(async () => {
    handle = await createTestDatabase();
    await seedDemoSeries(handle.db);
  });
  afterAll(() => handle.close());

  it("lists the demo series with its themes and sessions", async () => {
    const caller = createCaller(createContextInner({ database: handle, livekit }));
    const [series] = await caller.series.list();
    expect(series?.slug).toBe(DEMO_SERIES_SLUG);
    expect(series?.themes.map((t) => t.position)).toEqual([1, 2, 3, 4]);
    expect(series?.sessions).toHaveLength(4);
  });

  it("answers NOT_FOUND for an unknown slug", async () => {
    const caller = createCaller(createContextInner({ database: handle, livekit }));
    await expect(caller.series.bySlug({ slug: "bestaat-niet" })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("rejects a malformed slug with BAD_REQUEST", async () => {
    const caller = createCaller(createContextInner({ database: handle, livekit }));
    const error = await caller.series.bySlug({ slug: "<script>" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TRPCError);
    expect((error as TRPCError).code).toBe("BAD_REQUEST");
  });
});
