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
  sql,
} from "drizzle-orm";
export * from "./client";
export { migrate, migrationsFolder } from "./migrate";
export { getSeriesOverview, listSeriesOverviews } from "./queries/series";
export * from "./schema";
export { DEMO_SERIES_SLUG, seedDemoSeries } from "./seed";
