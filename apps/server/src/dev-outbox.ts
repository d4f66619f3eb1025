import type { SmtpSink } from "@reeks/mail";
import type { Hono } from "hono";

/**
 * Mails caught by the local sink, newest first, for the dev outbox page. Only mounted when Reeks runs
 * its own sink (no SMTP_URL), so it never exposes real mail.
 */
export function mountDevOutbox(app: Hono, sink: SmtpSink): void {
  app.get("/api/dev/outbox", (c) => {
    c.header("Cache-Control", "no-store");
    const mails = sink
      .messages()
      .slice(-200)
      .reverse()
      .map((m) => ({ id: m.id, receivedAt: m.receivedAt, to: m.to, subject: m.subject, text: m.text }));
    return c.json({ mails });
  });
}
