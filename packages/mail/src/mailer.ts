import nodemailer, { type Transporter } from "nodemailer";

export interface MailAttachment {
  filename: string;
  content: string | Buffer;
  contentType?: string;
  /** e.g. "REQUEST" for a calendar invitation, so mail clients offer to accept it. */
  method?: string;
}

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html?: string;
  attachments?: MailAttachment[];
  /** Extra headers, e.g. an idempotency key as Message-ID. */
  headers?: Record<string, string>;
  /** Set to make a resend of the same mail recognisable as the same message. */
  messageId?: string;
}

export interface Mailer {
  send(mail: OutgoingMail): Promise<{ messageId: string }>;
  close(): void;
}

/** Sends through SMTP_URL (smtp://user:pass@host:port, or smtps:// for TLS). */
export function createMailer(options: { smtpUrl: string; from: string }): Mailer {
  const transport: Transporter = nodemailer.createTransport(options.smtpUrl);
  return {
    async send(mail) {
      const info = await transport.sendMail({
        from: options.from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        ...(mail.html ? { html: mail.html } : {}),
        ...(mail.headers ? { headers: mail.headers } : {}),
        ...(mail.messageId ? { messageId: mail.messageId } : {}),
        attachments: mail.attachments?.map((a) => ({
          filename: a.filename,
          content: a.content,
          ...(a.contentType ? { contentType: a.contentType } : {}),
          ...(a.method ? { method: a.method } : {}),
        })),
      });
      return { messageId: String(info.messageId) };
    },
    close: () => transport.close(),
  };
}
