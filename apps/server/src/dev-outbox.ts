import type { SmtpSink } from "@reeks/mail";
import type { Hono } from "hono";
import { peerOf } from "./client-address";

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
    if (proxied || !LOOPBACK.has(peerOf(c))) return c.json({ error: { code: "NOT_FOUND" } }, 404);
    c.header("Cache-Control", "no-store");
    const mails = sink
      .messages()
      .slice(-200)
      .reverse()
      .map((m) => ({
        id: m.id,
        receivedAt: m.receivedAt,
        to: m.to,
        subject: m.subject,
        text: m.text,
        // The .ics of an invitation is half of what the mail says: show it, and let it be opened.
        attachments: m.attachments.map((a, index) => ({
          name: a.filename,
          type: a.contentType,
          size: Buffer.byteLength(a.content),
          url: `/api/dev/outbox/${m.id}/attachments/${index}`,
        })),
      }));
    return c.json({ mails });
  });
  app.get("/api/dev/outbox/:id/attachments/:index", (c) => {
    const notFound = () => c.json({ error: { code: "NOT_FOUND" } }, 404);
    if (!LOOPBACK.has(peerOf(c))) return notFound();
    const mail = sink.messages().find((m) => String(m.id) === c.req.param("id"));
    const attachment = mail?.attachments[Number(c.req.param("index"))];
    if (!attachment) return notFound();
    c.header("Cache-Control", "no-store");
    c.header("Content-Type", attachment.contentType);
    c.header("X-Content-Type-Options", "nosniff");
    c.header(
      "Content-Disposition",
      `attachment; filename="${attachment.filename.replace(/[^\w.-]/g, "_")}"; filename*=UTF-8''${encodeURIComponent(attachment.filename)}`,
    );
    return c.body(attachment.content);
  });
}
