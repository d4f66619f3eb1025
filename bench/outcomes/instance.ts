/**
 * One API instance for the fan-out benchmark, in a process of its own (as in production, where each
 * instance has its own event loop): the tRPC endpoint with live subscriptions, plus a bare SSE
 * broadcaster on a second port that sends a payload straight to its open streams: the baseline.
 */
import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { startApiInstance } from "@reeks/api/testing";
import { createDatabase } from "@reeks/db";

const url = process.argv[2];
if (!url) throw new Error("usage: instance.ts <postgres url>");
const database = createDatabase({ kind: "postgres", url, maxConnections: 10 });
const api = await startApiInstance(database);

const streams = new Set<ServerResponse>();
const bare = createServer((req, res) => {
  if (req.method === "GET" && req.url === "/sse") {
    res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
    res.write(": open\n\n");
    streams.add(res);
    req.on("close", () => streams.delete(res));
    return;
  }
  if (req.method === "POST" && req.url === "/broadcast") {
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => {
      body += chunk;
    });
    req.on("end", () => {
      const frame = `data: ${body}\n\n`;
      for (const stream of streams) stream.write(frame);
      res.end("ok");
    });
    return;
  }
  res.statusCode = 404;
  res.end();
});
bare.listen(0, "127.0.0.1", () => {
  const port = (bare.address() as AddressInfo).port;
  process.stdout.write(`${JSON.stringify({ api: api.url, bare: `http://127.0.0.1:${port}` })}\n`);
});
process.on("SIGTERM", async () => {
  bare.closeAllConnections();
  bare.close();
  await api.stop();
  await database.close();
  process.exit(0);
});
