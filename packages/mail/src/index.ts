export { escapeHtml, html, mailButton, mailLayout, SafeHtml } from "./html";
export { createMailer, type MailAttachment, type Mailer, type OutgoingMail } from "./mailer";
export { type CapturedMail, type SmtpSink, startSmtpSink } from "./sink";
