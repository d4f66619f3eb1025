import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMailer } from "./mailer";
import { type SmtpSink, startSmtpSink } from "./sink";

describe("mailer and local SMTP sink", () => {
  let sink: SmtpSink;
  beforeAll(async () => {
    sink = await startSmtpSink();
  });
  afterAll(() => sink.stop());

  it("delivers a mail with an attachment, UTF-8 intact", async () => {
    const mailer = createMailer({ smtpUrl: sink.url, from: "Reeks <noreply@reeks.test>" });
    await mailer.send({
      to: "anne@gemeente.test",
      subject: "Welkom bij “Uitvoering op z'n Kop” — één reeks",
      text: "Hallo Anne 👋",
      attachments: [
        {
          filename: "sessie.ics",
          content: "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n",
          contentType: "text/calendar",
        },
      ],
    });
    const mail = await sink.waitFor((m) => m.to.includes("anne@gemeente.test"));
    expect(mail.subject).toBe("Welkom bij “Uitvoering op z'n Kop” — één reeks");
    expect(mail.text.trim()).toBe("Hallo Anne 👋");
    expect(mail.attachments[0]?.filename).toBe("sessie.ics");
    expect(mail.attachments[0]?.content).toContain("BEGIN:VCALENDAR");
    mailer.close();
  });

  it("waitFor times out when nothing matches", async () => {
    await expect(sink.waitFor((m) => m.subject === "never", 200)).rejects.toThrow(/no matching mail/);
  });
});
