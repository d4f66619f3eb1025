// @reeks/mail: the SMTP mailer, escaped HTML mail templates, and an in-process SMTP sink for tests.
// Depends on no Reeks package.
// Layering: models ← db ← api ← server; the web app imports only @reeks/models and `import type` from @reeks/api.
export { escapeHtml, html, type MailBrand, mailButton, mailLayout, SafeHtml } from "./html";
export { createMailer, type MailAttachment, type Mailer, type OutgoingMail } from "./mailer";
export { type CapturedMail, type SmtpSink, startSmtpSink } from "./sink";
