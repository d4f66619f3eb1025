import { evaluation, scheduling } from "@reeks/api";
import { type DatabaseHandle, describeDatabaseError } from "@reeks/db";
import { type JobHandler, MAIL_JOB_KIND, mailJobHandler, startWorker, type Worker } from "@reeks/jobs";
import type { Mailer } from "@reeks/mail";

/** The address part of "Name <address>" (the ORGANIZER of calendar events). */
export function addressOf(from: string): string {
  return /<([^>]+)>/.exec(from)?.[1] ?? from;
}

/**
 * Runs the durable job queue in this process: mails and the scheduling jobs that fan out into mails.
 * Every instance may run one; SKIP LOCKED keeps them from taking the same job.
 */
export function startMailWorker(
  database: DatabaseHandle,
  mailer: Mailer,
  config: scheduling.SchedulingMailConfig,
  log: (line: string) => void,
  /** Handlers of other domains' jobs (housekeeping) that this worker runs as well. */
  otherHandlers: Record<string, JobHandler> = {},
): Worker {
  return startWorker({
    database,
    handlers: {
      ...otherHandlers,
      ...scheduling.schedulingJobHandlers(database.db, config),
      ...evaluation.evaluationJobHandlers(database.db, config),
      [MAIL_JOB_KIND]: mailJobHandler(mailer),
    },
    onError: (error, job) =>
      log(`job ${job?.kind ?? "?"} (${job?.id ?? "-"}) failed: ${describeDatabaseError(error)}`),
    log,
  });
}
