// One copy of drizzle in the tree: everyone imports its operators from here.
export {
  and,
  asc,
  desc,
  eq,
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
export { migrate, migrationsFolder } from "./migrate";
export { type BackoffOptions, type Loop, type LoopOptions, Outage, startLoop } from "./outage";
export { getSeriesOverview, listSeriesOverviews } from "./queries/series";
export * from "./schema";
export { DEMO_SERIES_SLUG, seedDemoSeries } from "./seed";
