import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { createDatabase, type DatabaseHandle, DEMO_SERIES_SLUG, migrate, seedDemoSeries } from "@reeks/db";
import { createTestDatabase } from "@reeks/db/testing";
import { readCsv, readDocx } from "@reeks/exports/test-readers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ExportCommandError, parseExportOptions, runExport } from "./export-command";

const serverDir = fileURLToPath(new URL("..", import.meta.url));

describe("reeks export", () => {
  let handle: DatabaseHandle;
  let dir: string;
  beforeAll(async () => {
    handle = await createTestDatabase();
    await seedDemoSeries(handle.db);
    dir = await mkdtemp(join(tmpdir(), "reeks-export-"));
  });
  afterAll(async () => {
    await handle.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("writes the essay draft DOCX with every theme", async () => {
    const out = join(dir, "essay.docx");
    const options = parseExportOptions({ series: DEMO_SERIES_SLUG, format: "docx", out });
    expect(options.kind).toBe("essay");
    const result = await runExport(handle.db, options);
    const buffer = await readFile(out);
    expect(result.bytes).toBe(buffer.byteLength);
    const headings = readDocx(buffer).flatMap((b) =>
      b.type === "paragraph" && b.style === "Heading1" ? [b.text] : [],
    );
    expect(headings.filter((h) => h.startsWith("Thema "))).toHaveLength(4);
    expect(existsSync(`${out}.partial`)).toBe(false);
  });

  it("writes one theme of the agenda as English CSV", async () => {
    const out = join(dir, "agenda.csv");
    await runExport(
      handle.db,
      parseExportOptions({
        series: DEMO_SERIES_SLUG,
        format: "csv",
        kind: "agenda",
        theme: "2",
        lang: "en",
        out,
      }),
    );
    const rows = readCsv(await readFile(out), ",");
    expect(rows).toEqual([["Theme", "Action", "Owner", "Due date", "Status", "Key", "Source"]]);
  });

  it("says in one line what is wrong with the options or the series", async () => {
    expect(() => parseExportOptions({ series: DEMO_SERIES_SLUG, format: "pdf", out: "x" })).toThrow(
      /--format/,
    );
    expect(() =>
      parseExportOptions({ series: DEMO_SERIES_SLUG, format: "docx", kind: "attendance", out: "x" }),
    ).toThrow(ExportCommandError);
    await expect(
      runExport(
        handle.db,
        parseExportOptions({ series: "bestaat-niet", format: "json", out: join(dir, "x.json") }),
      ),
    ).rejects.toThrow(/No series with slug "bestaat-niet"/);
    await expect(
      runExport(
        handle.db,
        parseExportOptions({ series: DEMO_SERIES_SLUG, format: "md", theme: "7", out: join(dir, "x.md") }),
      ),
    ).rejects.toThrow(/has no theme 7/);
  });

  it("runs as `pnpm reeks export` on the app's own data folder", async () => {
    const dataDir = join(dir, "data");
    const seeded = createDatabase({ kind: "pglite", dataDir: join(dataDir, "pglite") });
    await migrate(seeded);
    await seedDemoSeries(seeded.db);
    await seeded.close();
    const out = join(dir, "cli.json");
    // Always the embedded database here, even in the PostgreSQL run of the suite.
    const { DATABASE_URL: _ignored, ...inherited } = process.env;
    const env = { ...inherited, REEKS_DATA_DIR: dataDir };
    const { stdout } = await promisify(execFile)(
      "pnpm",
      ["exec", "tsx", "src/cli.ts", "export", "--series", DEMO_SERIES_SLUG, "--format", "json", "--out", out],
      { cwd: serverDir, env },
    );
    expect(stdout).toContain(`Wrote series (json, nl) to ${out}`);
    const archive = JSON.parse(await readFile(out, "utf8"));
    expect(archive.format).toBe("reeks.series");
    expect(archive.sessions).toHaveLength(4);
  }, 60_000);
});
