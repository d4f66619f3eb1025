/**
 * A share of the fan-out benchmark's subscribers, in a process of its own so that reading a
 * thousand streams does not run on the same event loop as the writer (or the other shares).
 * Arrival times are absolute (performance.timeOrigin + now), comparable across processes.
 *
 * Started with one JSON argument: { streams: [{ kind, url, headers }] }. Commands arrive as JSON
 * lines on stdin, answers leave as JSON lines on stdout:
 *   → { wait: marker, kind } ← { waiting: marker } at once, then { marker, times } when every
 *                              stream of that kind has seen an event containing it
 *   → { count: true, kind } ← { count }: events received so far by the streams of that kind
 *   → { payload: true }     ← { payload }: the data of the last event of the first stream
 *   → { close: true }       closes the streams and exits
 */
import { createInterface } from "node:readline";
import { EventSource } from "eventsource";

interface StreamSpec {
  kind: string;
  url: string;
  headers: Record<string, string>;
}

const { streams } = JSON.parse(process.argv[2] ?? "{}") as { streams: StreamSpec[] };
const at = () => performance.timeOrigin + performance.now();
const send = (message: unknown) => process.stdout.write(`${JSON.stringify(message)}\n`);

/** Events received so far, per kind of stream. */
const received = new Map<string, number>();
let lastData = "";
/** Per marker: the streams it is for, arrival time per stream, and how many are still due. */
const waits = new Map<string, { kind: string; times: Map<number, number>; due: number }>();

function open(spec: StreamSpec, index: number) {
  const source = new EventSource(spec.url, {
    fetch: (input, init) =>
      fetch(input, { ...init, headers: { ...(init?.headers as Record<string, string>), ...spec.headers } }),
  });
  source.addEventListener("message", (event) => {
    const time = at();
    received.set(spec.kind, (received.get(spec.kind) ?? 0) + 1);
    if (index === 0) lastData = event.data;
    for (const [marker, wait] of waits) {
      if (wait.kind === spec.kind && !wait.times.has(index) && event.data.includes(marker)) {
        wait.times.set(index, time);
        wait.due--;
        if (wait.due === 0) {
          waits.delete(marker);
          send({ marker, times: [...wait.times.values()] });
        }
      }
    }
  });
  return new Promise<EventSource>((resolve, reject) => {
    source.addEventListener("open", () => resolve(source), { once: true });
    source.addEventListener("error", (e) => reject(new Error(`${spec.url}: ${e.message}`)), { once: true });
  });
}

// Opened 50 at a time, so the servers' accept queues keep up.
const opened: EventSource[] = [];
for (let i = 0; i < streams.length; i += 50) {
  opened.push(...(await Promise.all(streams.slice(i, i + 50).map((spec, j) => open(spec, i + j)))));
}
send({ ready: true });

for await (const line of createInterface({ input: process.stdin })) {
  const command = JSON.parse(line) as {
    wait?: string;
    kind?: string;
    count?: true;
    payload?: true;
    close?: true;
  };
  if (command.wait) {
    const kind = command.kind ?? "";
    const due = streams.filter((spec) => spec.kind === kind).length;
    send({ waiting: command.wait });
    if (due === 0) send({ marker: command.wait, times: [] });
    else waits.set(command.wait, { kind, times: new Map(), due });
  } else if (command.count) {
    send({ count: received.get(command.kind ?? "") ?? 0 });
  } else if (command.payload) {
    send({ payload: lastData });
  } else if (command.close) {
    for (const source of opened) source.close();
    process.exit(0);
  }
}
