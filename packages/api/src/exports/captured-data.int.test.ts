import type { DatabaseHandle } from "@reeks/db";
import { AttendanceInterval } from "@reeks/db";
import { createTestDatabase } from "@reeks/db/testing";
import { renderExport } from "@reeks/exports";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CaptureWorld, callerFor, captureWorld } from "../testing";
import { assembleSeriesExport } from "./assemble";

async function text(body: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks).toString("utf8");
}

describe("exports read what was captured live and who was there", () => {
  let handle: DatabaseHandle;
  let world: CaptureWorld;
  beforeAll(async () => {
    handle = await createTestDatabase();
    world = await captureWorld(handle);
  });
  afterAll(() => handle.close());

  it("puts real outcomes and attendance into the essay and the attendance list, names only where allowed", async () => {
    const session = world.sessions[0];
    if (!session) throw new Error("no session");
    const moderator = callerFor(handle, world.moderator);
    await moderator.capture.outcome.capture({
      sessionId: session.id,
      kind: "problem",
      text: "Burgers vallen tussen twee loketten",
      attribution: "named",
    });
    await moderator.capture.outcome.capture({
      sessionId: session.id,
      kind: "insight",
      text: "Vertrouwen groeit met kleine beloftes",
      attribution: "chatham_house",
    });
    await moderator.capture.outcome.capture({
      sessionId: session.id,
      kind: "action",
      text: "Een doorbraakteam per regio",
      attribution: "anonymous",
      owner: { type: "organisation", name: "VNG" },
      dueDate: "2027-03-01",
    });
    await handle.db.insert(AttendanceInterval).values({
      sessionId: session.id,
      participantId: world.member.participantId,
      joinedAt: new Date("2027-01-12T13:00:00Z"),
      leftAt: new Date("2027-01-12T14:15:00Z"),
      source: "webhook",
    });

    const data = await assembleSeriesExport(handle.db, { seriesId: world.seriesId });
    if (!data) throw new Error("no export data");
    expect(data.outcomes.map((o) => o.text).sort()).toEqual([
      "Burgers vallen tussen twee loketten",
      "Een doorbraakteam per regio",
      "Vertrouwen groeit met kleine beloftes",
    ]);

    const essay = await text(renderExport(data, { kind: "essay", format: "md", locale: "nl" }).body);
    expect(essay).toContain("Burgers vallen tussen twee loketten");
    expect(essay).toContain("Een doorbraakteam per regio");
    expect(essay).toContain("VNG");
    // The moderator captured all three: only the named item may carry the name.
    const occurrences = essay.split(world.moderator.name).length - 1;
    const appendix = essay.indexOf("\n## ", essay.lastIndexOf("Leiderschap in transitie"));
    expect(occurrences).toBeGreaterThanOrEqual(1);
    const body = appendix > 0 ? essay.slice(0, appendix) : essay;
    expect(body.split(world.moderator.name).length - 1).toBe(1);

    const attendance = await text(
      renderExport(data, { kind: "attendance", format: "csv", locale: "nl" }).body,
    );
    const line = attendance.split("\r\n").find((l) => l.includes(world.member.name));
    expect(line).toContain("75");
  });
});
