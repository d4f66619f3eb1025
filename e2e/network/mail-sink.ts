/**
 * Run inside the server namespace (`ip netns exec … node --import tsx mail-sink.ts <port> <file>`):
 * the SMTP server Reeks sends its sign-in mails to there, writing each mail as a JSON line to <file>,
 * which the test reads (the test's own process cannot reach into the namespace).
 */
import { appendFileSync } from "node:fs";
import { startSmtpSink } from "@reeks/mail";

const [port, file] = process.argv.slice(2);
if (!port || !file) throw new Error("usage: mail-sink.ts <port> <file>");
const sink = await startSmtpSink({ port: Number(port) });
let written = 0;
setInterval(() => {
  for (const mail of sink.messages().filter((m) => m.id > written)) {
    appendFileSync(file, `${JSON.stringify({ id: mail.id, to: mail.to, text: mail.text })}\n`);
    written = mail.id;
  }
}, 100);
console.log(`mail sink on 127.0.0.1:${port}`);
