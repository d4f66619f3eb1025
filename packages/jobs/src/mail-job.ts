import { createHash } from "node:crypto";
import type { Mailer, OutgoingMail } from "@reeks/mail";
import type { JobHandler, NewJob } from "./queue";

export const MAIL_JOB_KIND = "mail.send";

export interface MailJobPayload {
  mail: OutgoingMail;
}

/**
 * A mail as a job. The idempotency key makes enqueueing at most once; the Message-ID derived from it
 * makes the one remaining window (the process dies after the SMTP server accepted the mail but before
 * the job was marked done) recognisable as the same message to receiving servers and clients.
 */
export function mailJob(idempotencyKey: string, mail: OutgoingMail, runAt?: Date): NewJob {
  const digest = createHash("sha256").update(idempotencyKey).digest("hex").slice(0, 32);
  return {
    kind: MAIL_JOB_KIND,
    idempotencyKey,
    payload: { mail: { ...mail, messageId: `<${digest}@reeks.mail>` } } satisfies MailJobPayload,
    ...(runAt ? { runAt } : {}),
  };
}

export function mailJobHandler(mailer: Mailer): JobHandler {
  return async (job) => {
    const { mail } = job.payload as unknown as MailJobPayload;
    await mailer.send(mail);
  };
}
