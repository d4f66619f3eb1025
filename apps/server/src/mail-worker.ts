import { scheduling } from "@reeks/api";
import type { DatabaseHandle } from "@reeks/db";
import { MAIL_JOB_KIND, mailJobHandler, startWorker, type Worker } from "@reeks/jobs";
import { createMailer, type SmtpSink, startSmtpSink } from "@reeks/mail";
import type { Env } from "./env";

export interface MailWorker {
  worker: Worker;
  /** The local sink when no SMTP_URL is set (dev, tests); null with a real SMTP server. */
  sink: SmtpSink | null;
  stop(): Promise<void>;
}

/** The address part of "Name <address>" (the ORGANIZER of calendar events). */
export function addressOf(from: string): string {
  return /<([^>]+)>/.exec(from)?.[1] ?? from;
}

/**
 * Runs the durable job queue in this process: mails and the scheduling jobs that fan out into mails.
 * Every instance may run one; SKIP LOCKED keeps them from taking the same job.
 */
export async function startMailWorker(
  env: Env,
  database: DatabaseHandle,
  config: scheduling.SchedulingMailConfig,
  log: (line: string) => void,
): Promise<MailWorker> {
  const sink = env.SMTP_URL ? null : await startSmtpSink();
  if (sink) log(`No SMTP_URL: mail is kept in a local sink at ${sink.url}.`);
  const mailer = createMailer({ smtpUrl: env.SMTP_URL ?? sink?.url ?? "", from: env.MAIL_FROM });
  const worker = startWorker({
    database,
    handlers: {
      ...scheduling.schedulingJobHandlers(database.db, config),
      [MAIL_JOB_KIND]: mailJobHandler(mailer),
    },
    onError: (error, job) => log(`job ${job?.kind ?? "?"} (${job?.id ?? "-"}) failed: ${String(error)}`),
  });
  return {
    worker,
    sink,
    async stop() {
      await worker.stop();
      mailer.close();
      await sink?.stop();
    },
  };
}
