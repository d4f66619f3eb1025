import { createMailer, type Mailer, type SmtpSink, startSmtpSink } from "@reeks/mail";
import type { Env } from "./env";

export interface ProvidedMail {
  mailer: Mailer;
  /** Set when Reeks runs its own local sink (no SMTP_URL): dev outbox and tests read from it. */
  sink: SmtpSink | null;
  stop(): Promise<void>;
}

/** Sends through SMTP_URL, or, when it is unset, through a local sink that keeps mails in memory. */
export async function provideMail(env: Env, log: (line: string) => void): Promise<ProvidedMail> {
  if (env.SMTP_URL) {
    const mailer = createMailer({ smtpUrl: env.SMTP_URL, from: env.MAIL_FROM });
    return { mailer, sink: null, stop: async () => mailer.close() };
  }
  const sink = await startSmtpSink();
  log(`No SMTP_URL: mails go to a local sink (${sink.url}); read them at /dev/outbox.`);
  const mailer = createMailer({ smtpUrl: sink.url, from: env.MAIL_FROM });
  return {
    mailer,
    sink,
    stop: async () => {
      mailer.close();
      await sink.stop();
    },
  };
}
