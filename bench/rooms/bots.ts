/**
 * Child process of room-scale.ts: joins one rtc-node bot per token read from stdin (a JSON line
 * {url, bots: [{identity, token}]}), reports "joined", leaves all on "leave", reports "left".
 */
import { createInterface } from "node:readline";
import { dispose } from "@livekit/rtc-node";
import { type Bot, joinBot } from "@reeks/livekit/testing";

const lines = createInterface({ input: process.stdin });
const bots: Bot[] = [];
for await (const line of lines) {
  if (line.startsWith("{")) {
    const {
      url,
      bots: specs,
      concurrency,
    } = JSON.parse(line) as {
      url: string;
      bots: Array<{ identity: string; token: string }>;
      concurrency: number;
    };
    let next = 0;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < specs.length) {
          const spec = specs[next];
          next += 1;
          if (spec) bots.push(await joinBot(url, spec.token, spec.identity));
        }
      }),
    );
    process.stdout.write(`joined ${bots.length}\n`);
  } else if (line === "leave") {
    await Promise.all(bots.map((b) => b.leave()));
    process.stdout.write("left\n");
    await dispose();
    process.exit(0);
  }
}
