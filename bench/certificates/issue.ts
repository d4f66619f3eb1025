/**
 * Certificates benchmark: issuing 500 certificates of attendance (PDF), against writing the same data
 * as JSON in the same run.
 *
 *   pnpm exec tsx bench/certificates/issue.ts [--runs 3] [--people 500]
 *
 * Cases, each in a fresh child process so that its peak memory (max RSS) is its own:
 *   json   the 500 certificates' data (name, series, sessions, minutes, rule, URL) as JSON (baseline)
 *   pdf    the same 500 documents rendered as PDF (pdf-lib, DejaVu Sans subset, vector QR code)
 *   issue  the whole issuing path on PGlite: eligibility from the recorded stays, 500 PDFs, the rows
 *          and 500 queued mails (what the organiser's button does)
 */
import { spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { issueCertificates } from "@reeks/api";
import {
  AttendanceInterval,
  asc,
  Certificate,
  eq,
  Participant,
  Person,
  Series,
  Session,
  seedDemoSeries,
  sql,
} from "@reeks/db";
import { createTestDatabase } from "@reeks/db/testing";
import { type CertificateDocument, renderCertificatePdf } from "@reeks/exports";

type Case = "json" | "pdf" | "issue";
const CASES: Case[] = ["json", "pdf", "issue"];

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
const NAMES = ["Ümit Çelik", "Zoë de Vries", "Anne Jansen", "Bart Bakker", "Fatima El Amrani"];

function documents(people: number): CertificateDocument[] {
  return Array.from({ length: people }, (_, i) => ({
    language: i % 3 === 0 ? "en" : "nl",
    name: `${NAMES[i % NAMES.length]} ${i}`,
    seriesTitle: "Uitvoering op z'n Kop",
    organiser: "Vereniging van Gemeentesecretarissen",
    sessionTitle: null,
    sessions: [1, 2, 3, 4].map((position) => ({
      position,
      title: `Thema ${position}: uitvoering, sturing en samenwerking`,
      startsAt: new Date(Date.UTC(2026, position, 12, 13)),
      plannedMinutes: 90,
      attendedMinutes: 70 + (i % 20),
    })),
    thresholdPercent: 75,
    issuedAt: new Date("2026-11-30T09:00:00Z"),
    verificationUrl: `https://reeks.example.nl/verifieer/${randomUUID().replace(/-/g, "").slice(0, 24)}`,
    timeZone: "Europe/Amsterdam",
  }));
}

/** The demo series with every session held, and `people` members who attended 80 of 90 minutes of each. */
async function world(people: number) {
  const handle = await createTestDatabase();
  const db = handle.db;
  await seedDemoSeries(db);
  const series = await db.query.Series.findFirst({ orderBy: asc(Series.createdAt) });
  if (!series) throw new Error("no series");
  const sessions = await db.select().from(Session).where(eq(Session.seriesId, series.id));
  for (const s of sessions) {
    await db
      .update(Session)
      .set({ status: "ended", durationMinutes: 90, startsAt: new Date(Date.UTC(2026, s.position, 12, 13)) })
      .where(eq(Session.id, s.id));
  }
  const organiserId = randomUUID();
  await db
    .insert(Person)
    .values({ id: organiserId, name: "Olga", email: "olga@bench.test", emailVerified: true });
  const [organiser] = await db
    .insert(Participant)
    .values({
      seriesId: series.id,
      personId: organiserId,
      organisation: "VGS",
      role: "organiser",
      status: "approved",
    })
    .returning();
  const persons = Array.from({ length: people }, (_, i) => ({
    id: randomUUID(),
    name: `${NAMES[i % NAMES.length]} ${i}`,
    email: `p${i}@bench.test`,
    emailVerified: true,
    locale: i % 3 === 0 ? "en" : "nl",
  }));
  await db.insert(Person).values(persons);
  const participants = await db
    .insert(Participant)
    .values(
      persons.map((p) => ({
        seriesId: series.id,
        personId: p.id,
        organisation: "Gemeente",
        status: "approved" as const,
      })),
    )
    .returning({ id: Participant.id });
  const stays = participants.flatMap((p) =>
    sessions.map((s) => {
      const start = Date.UTC(2026, s.position, 12, 13);
      return {
        sessionId: s.id,
        participantId: p.id,
        joinedAt: new Date(start),
        leftAt: new Date(start + 80 * 60_000),
        source: "webhook" as const,
      };
    }),
  );
  for (let i = 0; i < stays.length; i += 500)
    await db.insert(AttendanceInterval).values(stays.slice(i, i + 500));
  return {
    handle,
    actor: {
      personId: organiserId,
      participantId: organiser?.id ?? "",
      role: "organiser" as const,
      seriesId: series.id,
      session: null,
    },
  };
}

async function child(kind: Case, people: number): Promise<Measurement> {
  if (kind === "issue") {
    const { handle, actor } = await world(people);
    const baselineRssMb = maxRssMb();
    const started = performance.now();
    const result = await issueCertificates(
      handle.db,
      { seriesId: actor.seriesId, thresholdPercent: 75 },
      actor,
      { publicUrl: "https://reeks.example.nl" },
    );
    const ms = performance.now() - started;
    if (result.issued !== people) throw new Error(`issued ${result.issued}, expected ${people}`);
    const [row] = await handle.db
      .select({ bytes: sql<number>`sum(octet_length(${Certificate.pdf}))::int` })
      .from(Certificate);
    const peakRssMb = maxRssMb();
    await handle.close();
    return { case: kind, ms, bytes: row?.bytes ?? 0, baselineRssMb, peakRssMb };
  }
  const docs = documents(people);
  // The font files are read once per process; load them before the clock starts, as a server has.
  await renderCertificatePdf(documents(1)[0] as CertificateDocument);
  const baselineRssMb = maxRssMb();
  const started = performance.now();
  let bytes = 0;
  for (const doc of docs) {
    bytes +=
      kind === "json" ? Buffer.byteLength(JSON.stringify(doc)) : (await renderCertificatePdf(doc)).byteLength;
  }
  return { case: kind, ms: performance.now() - started, bytes, baselineRssMb, peakRssMb: maxRssMb() };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

async function main() {
  const people = arg("people", 500);
  const childCase = process.argv.indexOf("--child");
  if (childCase >= 0) {
    process.stdout.write(`${JSON.stringify(await child(process.argv[childCase + 1] as Case, people))}\n`);
    return;
  }
  const runs = arg("runs", 3);
  const self = fileURLToPath(import.meta.url);
  console.log(`Certificates: ${people} people, 4 sessions each, ${runs} runs per case`);
  console.log(`Node ${process.version}, ${process.platform}/${process.arch}\n`);
  const results = new Map<Case, Measurement[]>();
  for (let run = 0; run < runs; run++) {
    for (const kind of CASES) {
      const out = spawnSync(
        process.execPath,
        [...process.execArgv, self, "--child", kind, "--people", String(people)],
        { encoding: "utf8" },
      );
      if (out.status !== 0) throw new Error(`${kind} failed: ${out.stderr}`);
      const line = out.stdout.trim().split("\n").at(-1) ?? "";
      results.set(kind, [...(results.get(kind) ?? []), JSON.parse(line) as Measurement]);
      // Each measurement as it comes: a long run on a busy machine still leaves its figures.
      console.log(`run ${run + 1}: ${line}`);
    }
  }
  const jsonMs = median((results.get("json") ?? []).map((m) => m.ms));
  const rows = [
    "| case | median time | per certificate | × JSON | output | max RSS before | peak max RSS | rise |",
    "|---|---:|---:|---:|---:|---:|---:|---:|",
  ];
  for (const kind of CASES) {
    const list = results.get(kind) ?? [];
    const ms = median(list.map((m) => m.ms));
    const before = median(list.map((m) => m.baselineRssMb));
    const peak = Math.max(...list.map((m) => m.peakRssMb));
    const bytes = list[0]?.bytes ?? 0;
    const label = {
      json: "JSON.stringify (baseline)",
      pdf: "PDF render only",
      issue: "issue on PGlite (eligibility, PDF, rows, mails)",
    }[kind];
    rows.push(
      `| ${label} | ${ms.toFixed(0)} ms | ${(ms / people).toFixed(2)} ms | ${(ms / jsonMs).toFixed(0)} | ${(bytes / 1024 / 1024).toFixed(2)} MB | ${before.toFixed(0)} MB | ${peak.toFixed(0)} MB | ${(peak - before).toFixed(0)} MB |`,
    );
  }
  console.log(rows.join("\n"));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
