/**
 * Essay export benchmark: a series of 4 sessions with 10,000 outcome items and 500 participants,
 * rendered as the essay DOCX (and Markdown), against serialising the same data to JSON in the same run.
 *
 *   pnpm exec tsx bench/exports/essay-docx.ts [--runs 3] [--outcomes 10000] [--participants 500]
 *
 * Each case runs in a fresh child process, so its peak memory (max RSS) is its own: the child builds
 * the data, notes its max RSS, renders, and reports the time and how far max RSS rose.
 */
import { spawnSync } from "node:child_process";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { buildEssayOutline, renderEssayDocx, renderEssayMarkdown } from "@reeks/exports";
import { generateSeries } from "@reeks/exports/testing";

type Case = "json" | "docx" | "md";
const CASES: Case[] = ["json", "docx", "md"];

interface Measurement {
  case: Case;
  ms: number;
  bytes: number;
  baselineRssMb: number;
  peakRssMb: number;
}

function arg(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? Number(process.argv[index + 1]) : fallback;
}

const maxRssMb = () => process.resourceUsage().maxRSS / 1024;

async function child(kind: Case, outcomes: number, participants: number): Promise<Measurement> {
  const data = generateSeries({ outcomes, participants });
  const baselineRssMb = maxRssMb();
  const started = performance.now();
  let bytes = 0;
  if (kind === "json") {
    bytes = Buffer.byteLength(JSON.stringify(data));
  } else if (kind === "docx") {
    bytes = (await renderEssayDocx(buildEssayOutline(data, { locale: "nl" }))).byteLength;
  } else {
    for (const chunk of renderEssayMarkdown(buildEssayOutline(data, { locale: "nl" })))
      bytes += Buffer.byteLength(chunk);
  }
  const ms = performance.now() - started;
  return { case: kind, ms, bytes, baselineRssMb, peakRssMb: maxRssMb() };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

async function main() {
  const outcomes = arg("outcomes", 10_000);
  const participants = arg("participants", 500);
  const childCase = process.argv.indexOf("--child");
  if (childCase >= 0) {
    const result = await child(process.argv[childCase + 1] as Case, outcomes, participants);
    process.stdout.write(`${JSON.stringify(result)}\n`);
    return;
  }
  const runs = arg("runs", 3);
  const self = fileURLToPath(import.meta.url);
  console.log(
    `Essay export: 4 sessions, ${outcomes} outcome items, ${participants} participants, ${runs} runs each`,
  );
  console.log(`Node ${process.version}, ${process.platform}/${process.arch}\n`);
  const rows: string[] = [];
  const results = new Map<Case, Measurement[]>();
  for (let run = 0; run < runs; run++) {
    for (const kind of CASES) {
      const out = spawnSync(
        process.execPath,
        [
          ...process.execArgv,
          self,
          "--child",
          kind,
          "--outcomes",
          String(outcomes),
          "--participants",
          String(participants),
        ],
        { encoding: "utf8" },
      );
      if (out.status !== 0) throw new Error(`${kind} failed: ${out.stderr}`);
      const line = out.stdout.trim().split("\n").at(-1) ?? "";
      const list = results.get(kind) ?? [];
      list.push(JSON.parse(line) as Measurement);
      results.set(kind, list);
    }
  }
  const jsonMs = median((results.get("json") ?? []).map((m) => m.ms));
  rows.push("| case | median time | × JSON | output | max RSS before | peak max RSS | rise |");
  rows.push("|---|---:|---:|---:|---:|---:|---:|");
  for (const kind of CASES) {
    const list = results.get(kind) ?? [];
    const ms = median(list.map((m) => m.ms));
    const before = median(list.map((m) => m.baselineRssMb));
    const peak = Math.max(...list.map((m) => m.peakRssMb));
    const bytes = list[0]?.bytes ?? 0;
    const label = { json: "JSON.stringify (baseline)", docx: "essay DOCX", md: "essay Markdown" }[kind];
    rows.push(
      `| ${label} | ${ms.toFixed(0)} ms | ${(ms / jsonMs).toFixed(1)} | ${(bytes / 1024 / 1024).toFixed(2)} MB | ${before.toFixed(0)} MB | ${peak.toFixed(0)} MB | ${(peak - before).toFixed(0)} MB |`,
    );
  }
  console.log(rows.join("\n"));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
