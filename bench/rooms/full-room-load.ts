/**
 * A share of the full-room benchmark's members, in a process of its own so that the load is not
 * generated on the server's event loop. Started with one JSON argument (LoadPlan); prints one JSON
 * line (LoadReport) when done.
 *
 * Each member joins as the web client does (room.info, room.join, capture.session, then room.roster
 * and room.chat, then the session's live stream from the snapshot's cursor) and then reads what
 * `polls` says, each on its own random phase. Writers (some of the members) write at `writeEveryMs`
 * each: chat, questions, votes on questions, outcome items and poll votes, in turn.
 *
 * With `bare`, every request goes to that URL instead (a fixed answer, no database): the same
 * harness, the same schedule, for the baseline.
 */
import { EventSource } from "eventsource";

export interface LoadPlan {
  url: string;
  /** The baseline: every request to this URL instead of the API. */
  bare: string | null;
  sessionId: string;
  pollId: string | null;
  members: Array<{ cookie: string; writer: boolean }>;
  /** Procedure → period in ms, per member. */
  polls: Record<string, number>;
  writeEveryMs: number;
  /** Members join spread over this long; measuring starts when the last has joined. */
  rampMs: number;
  seconds: number;
}

export interface LoadReport {
  /** Latencies in ms, by procedure, of the steady part (after the ramp). */
  reads: Record<string, number[]>;
  writes: Record<string, number[]>;
  /** Latencies of the joins (during the ramp), by procedure. */
  joins: Record<string, number[]>;
  errors: Record<string, number>;
  streamEvents: number;
  streamsOpen: number;
}

const plan = JSON.parse(process.argv[2] ?? "{}") as LoadPlan;
const report: LoadReport = { reads: {}, writes: {}, joins: {}, errors: {}, streamEvents: 0, streamsOpen: 0 };
let measuring = false;
let stopping = false;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const questionIds: string[] = [];

function record(bucket: Record<string, number[]>, name: string, ms: number) {
  const values = bucket[name] ?? [];
  values.push(ms);
  bucket[name] = values;
}

async function call(
  cookie: string,
  kind: "query" | "mutation",
  path: string,
  input: unknown,
  bucket: "reads" | "writes" | "joins",
): Promise<unknown> {
  const target = plan.bare ?? `${plan.url}/api/trpc/${path}`;
  const headers: Record<string, string> = { cookie, "x-reeks-locale": "nl" };
  const started = performance.now();
  let response: Response;
  try {
    response =
      kind === "query"
        ? await fetch(plan.bare ? target : `${target}?input=${encodeURIComponent(JSON.stringify(input))}`, {
            headers,
          })
        : await fetch(target, {
            method: "POST",
            headers: { ...headers, "content-type": "application/json", origin: plan.url },
            body: JSON.stringify(input),
          });
    const text = await response.text();
    const elapsed = performance.now() - started;
    if (!response.ok) {
      const key = `${path} ${response.status}`;
      report.errors[key] = (report.errors[key] ?? 0) + 1;
      return null;
    }
    if (bucket === "joins" || measuring) record(report[bucket], path, elapsed);
    return plan.bare ? null : (JSON.parse(text) as { result: { data: unknown } }).result.data;
  } catch (error) {
    const key = `${path} ${(error as Error).message}`;
    report.errors[key] = (report.errors[key] ?? 0) + 1;
    return null;
  }
}

/** A batch of queries in one GET, as the web client's httpBatchStreamLink sends them (joins only). */
async function callBatch(cookie: string, paths: string[], input: unknown) {
  const inputs = Object.fromEntries(paths.map((_, i) => [String(i), input]));
  const url = plan.bare
    ? plan.bare
    : `${plan.url}/api/trpc/${paths.join(",")}?batch=1&input=${encodeURIComponent(JSON.stringify(inputs))}`;
  const started = performance.now();
  try {
    const response = await fetch(url, { headers: { cookie, "x-reeks-locale": "nl" } });
    await response.text();
    const elapsed = performance.now() - started;
    if (!response.ok) {
      const key = `${paths.join(",")} ${response.status}`;
      report.errors[key] = (report.errors[key] ?? 0) + 1;
      return;
    }
    for (const path of paths) record(report.joins, path, elapsed);
  } catch (error) {
    const key = `${paths.join(",")} ${(error as Error).message}`;
    report.errors[key] = (report.errors[key] ?? 0) + 1;
  }
}

function openStream(cookie: string, cursor: string): EventSource {
  const input = encodeURIComponent(JSON.stringify({ sessionId: plan.sessionId, lastEventId: cursor }));
  const source = new EventSource(`${plan.url}/api/trpc/capture.live?input=${input}`, {
    fetch: (url, init) =>
      fetch(url, { ...init, headers: { ...(init?.headers as Record<string, string>), cookie } }),
  });
  source.addEventListener("open", () => report.streamsOpen++, { once: true });
  source.addEventListener("message", (event) => {
    report.streamEvents++;
    // Votes need questions: take the ids of those others asked, as the panel shows them.
    if (event.data.includes('"type":"question"')) {
      const id = /"question":\{"id":"([^"]+)"/.exec(event.data)?.[1];
      if (id && !questionIds.includes(id)) questionIds.push(id);
    }
  });
  return source;
}

const streams: EventSource[] = [];

async function member(index: number, cookie: string, writer: boolean) {
  const sessionId = plan.sessionId;
  await sleep((plan.rampMs * index) / plan.members.length);
  // Joining, as the room page does it.
  await call(cookie, "query", "room.info", { sessionId }, "joins");
  await call(cookie, "mutation", "room.join", { sessionId }, "joins");
  const snapshot = (await call(cookie, "query", "capture.session", { sessionId }, "joins")) as {
    cursor: string;
  } | null;
  // The client asks for both at once, and its link sends them as one batch.
  await callBatch(cookie, ["room.roster", "room.chat"], { sessionId });
  if (!plan.bare && snapshot) streams.push(openStream(cookie, snapshot.cursor));
  const loops: Array<Promise<void>> = [];
  for (const [path, period] of Object.entries(plan.polls)) {
    loops.push(
      (async () => {
        await sleep(Math.random() * period);
        while (!stopping) {
          await call(cookie, "query", path, { sessionId }, "reads");
          await sleep(period);
        }
      })(),
    );
  }
  if (writer) loops.push(write(cookie));
  await Promise.all(loops);
}

async function write(cookie: string) {
  const sessionId = plan.sessionId;
  let turn = Math.floor(Math.random() * 6);
  await sleep(Math.random() * plan.writeEveryMs);
  while (!stopping) {
    const n = turn++ % 6;
    const text = `Bericht ${turn} van de bench`;
    if (n === 0 || n === 3)
      await call(cookie, "mutation", "room.sendChat", { sessionId, body: text }, "writes");
    else if (n === 1) await call(cookie, "mutation", "capture.question.ask", { sessionId, text }, "writes");
    else if (n === 2 && questionIds.length > 0) {
      const questionId = questionIds[Math.floor(Math.random() * questionIds.length)];
      await call(cookie, "mutation", "capture.question.vote", { sessionId, questionId, up: true }, "writes");
    } else if (n === 4) {
      await call(
        cookie,
        "mutation",
        "capture.outcome.capture",
        { sessionId, kind: "insight", text },
        "writes",
      );
    } else if (plan.pollId) {
      const choices = [Math.floor(Math.random() * 3)];
      await call(
        cookie,
        "mutation",
        "capture.poll.vote",
        { sessionId, pollId: plan.pollId, choices },
        "writes",
      );
    }
    await sleep(plan.writeEveryMs * (0.5 + Math.random()));
  }
}

const running = plan.members.map((m, i) => member(i, m.cookie, m.writer));
await sleep(plan.rampMs + 1_000);
measuring = true;
process.stdout.write(`${JSON.stringify({ measuring: true })}\n`);
await sleep(plan.seconds * 1000);
measuring = false;
stopping = true;
for (const source of streams) source.close();
await Promise.race([Promise.all(running), sleep(10_000)]);
process.stdout.write(`${JSON.stringify({ report })}\n`);
process.exit(0);
