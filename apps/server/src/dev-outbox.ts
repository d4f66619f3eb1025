import type { SmtpSink } from "@reeks/mail";
import type { Hono } from "hono";
import { clientAddress } from "./client-address";

const LOOPBACK = new Set(["127.0.0.1", "::1", "::ffff:127.0.0.1"]);

/**
 * Mails caught by the local sink, newest first, for the dev outbox page. Only mounted when Reeks runs
 * its own sink (no SMTP_URL), so it never exposes real mail, and only to the machine itself: the mails
 * hold sign-in links, so a server exposed without SMTP_URL must not hand them to anyone who asks.
 */
export function mountDevOutbox(app: Hono, sink: SmtpSink): void {
  app.get("/api/dev/outbox", (c) => {
    // Behind a reverse proxy (Caddy) every request comes from loopback: a forwarding header says the
    // person is elsewhere.
    const proxied = c.req.header("x-forwarded-for") !== undefined || c.req.header("forwarded") !== undefined;
    if (proxied || !LOOPBACK.has(clientAddress(c))) return c.json({ error: { code: "NOT_FOUND" } }, 404);
    c.header("Cache-Control", "no-store");
    const mails = sink
      .messages()
      .slice(-200)
      .reverse()
      .map((m) => ({ id: m.id, receivedAt: m.receivedAt, to: m.to, subject: m.subject, text: m.text }));
    return c.json({ mails });
  });
}
