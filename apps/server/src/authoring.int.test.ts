import { rasteriseSvg } from "@reeks/api";
import { Series, SeriesLogo } from "@reeks/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningReeks } from "./server";
import { startTestServer } from "./testing";

describe("a production start and a series' logo", () => {
  let server: RunningReeks;
  beforeAll(async () => {
    server = await startTestServer({ REEKS_SEED: "none" });
  });
  afterAll(() => server?.stop());

  it("starts empty with REEKS_SEED=none", async () => {
    expect(await server.database.db.select().from(Series)).toEqual([]);
  });

  it("serves the logo as a PNG that cannot run: its own type, nosniff, a sandboxing CSP", async () => {
    const [series] = await server.database.db
      .insert(Series)
      .values({ slug: "logo", title: { nl: "Logo" }, organiser: "X" })
      .returning();
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10" onload="alert(1)"><script>alert(1)</script><rect width="10" height="10"/></svg>`;
    const png = rasteriseSvg(new TextEncoder().encode(svg));
    await server.database.db.insert(SeriesLogo).values({ seriesId: series?.id ?? "", ...png });
    const response = await fetch(`${server.url}/logos/${series?.id}.png`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("image/png");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("content-security-policy")).toMatch(/sandbox/);
    const body = Buffer.from(await response.arrayBuffer());
    expect(body.subarray(1, 4).toString("latin1")).toBe("PNG");
    expect(body.includes(Buffer.from("script"))).toBe(false);
    expect((await fetch(`${server.url}/logos/00000000-0000-0000-0000-000000000000.png`)).status).toBe(404);
  });
});
