import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "./client";
import { migrate } from "./migrate";
import { getSeriesOverview } from "./queries/series";
import { Series, Session, Theme } from "./schema";
import { DEMO_SERIES_SLUG, seedDemoSeries } from "./seed";
import { createTestDatabase } from "./testing";

describe(`migrations and seed on ${process.env.DATABASE_URL ? "PostgreSQL" : "PGlite"}`, () => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await createTestDatabase();
  });
  afterAll(async () => {
    await handle.close();
  });

  it("applies every migration, and applying them again changes nothing", async () => {
    await migrate(handle);
    const rows = await handle.db.select().from(Series);
    expect(rows).toEqual([]);
  });

  it("seeds the demo series with four themes in order and four draft sessions", async () => {
    expect(await seedDemoSeries(handle.db)).toEqual({ created: true });
    const series = await getSeriesOverview(handle.db, DEMO_SERIES_SLUG);
    expect(series?.title.nl).toBe("Uitvoering op z'n Kop");
    expect(series?.themes.map((t) => t.title.nl)).toEqual([
      "Uitvoering: wat gaat er mis, welke acties nemen we?",
      "Werken als één overheid",
      "Maatwerk als regel",
      "Leiderschap in transitie",
    ]);
    for (const theme of series?.themes ?? []) {
      expect(theme.guidingQuestion.nl).toMatch(/\?$/);
      expect(theme.guidingQuestion.en).toMatch(/\?$/);
      expect(theme.description.nl.length).toBeGreaterThan(50);
      expect(theme.description.en?.length).toBeGreaterThan(50);
    }
    expect(series?.sessions.map((s) => [s.position, s.status])).toEqual([
      [1, "draft"],
      [2, "draft"],
      [3, "draft"],
      [4, "draft"],
    ]);
  });

  it("is idempotent: seeding again, even concurrently, adds nothing", async () => {
    const results = await Promise.all([seedDemoSeries(handle.db), seedDemoSeries(handle.db)]);
    expect(results.every((r) => !r.created)).toBe(true);
    expect(await handle.db.$count(Series)).toBe(1);
    expect(await handle.db.$count(Theme)).toBe(4);
    expect(await handle.db.$count(Session)).toBe(4);
  });

  it("gives every session an unguessable room name of its own", async () => {
    const rooms = await handle.db.select({ roomName: Session.roomName }).from(Session);
    expect(new Set(rooms.map((r) => r.roomName)).size).toBe(4);
    for (const { roomName } of rooms) expect(roomName).toMatch(/^rk_[A-Za-z0-9_-]{22}$/);
  });
});
