// @reeks/scheduling: the pure scheduling solver (which candidate slots to pick for the sessions) and
// Europe/Amsterdam time helpers. No database: @reeks/api loads the poll and calls in here.
// Layering: models ← db ← api ← server; the web app imports only @reeks/models and `import type` from @reeks/api.
export { bruteForceSchedule } from "./brute-force";
export * from "./solver";
export * from "./time";
