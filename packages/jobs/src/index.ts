// @reeks/jobs: the durable job queue on the database (claimed with SKIP LOCKED, retried) and the mail job.
// Uses @reeks/db and @reeks/mail; @reeks/api registers its own job kinds and the server runs the worker.
// Layering: models ← db ← api ← server; the web app imports only @reeks/models and `import type` from @reeks/api.
export * from "./mail-job";
export * from "./queue";
