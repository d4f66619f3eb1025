// @reeks/db: the drizzle schema (schema/, one file per aggregate), the PGlite/PostgreSQL client, committed
// migrations applied by migrate(), the demo seed, and the Transaction type services write through.
// Layering: models ← db ← api ← server; the web app imports only @reeks/models and `import type` from @reeks/api.
// Depends on @reeks/models only. Test fixtures (fresh databases, people): @reeks/db/testing.
// One copy of drizzle in the tree: everyone imports its operators from here.
export {
  and,
  asc,
  count,
  desc,
  eq,
  getTableColumns,
  gt,
  gte,
  ilike,
  inArray,
  isNotNull,
  isNull,
  lt,
  lte,
  ne,
  or,
  type SQL,
  sql,
} from "drizzle-orm";
export { alias } from "drizzle-orm/pg-core";
export {
  describeDatabaseError,
  isDatabaseUnavailable,
  loggableError,
  redactQueryText,
} from "./availability";
export * from "./client";
export {
  type MigrateOptions,
  type MigrationStatus,
  migrate,
  migrationStatus,
  migrationsFolder,
} from "./migrate";
export { type BackoffOptions, type Loop, type LoopOptions, Outage, startLoop } from "./outage";
export { getSeriesOverview, listSeriesOverviews } from "./queries/series";
export { newRoomName } from "./room-name";
export * from "./schema";
export { DEMO_SERIES_SLUG, seedDemoSeries } from "./seed";
