// @reeks/testing: test infrastructure, outside the product's layering.
// Test infrastructure shared by every package (it depends on none of Reeks' own but @reeks/livekit, so
// any package may use it): a browser, the run's livekit-server, PostgreSQL clusters, seeded randomness.
// Fixtures live with the layer they need: `@reeks/db/testing`, `@reeks/api/testing`, `@reeks/server/testing`.
export {
  type AxeViolation,
  axeViolations,
  CHROMIUM_PATH,
  type LaunchChromiumOptions,
  launchChromium,
  recordCspViolations,
} from "./browser";
export { testLivekit } from "./livekit-env";
export { type Postgres, postgresBinDir, startPostgres } from "./postgres";
export { mulberry32 } from "./random";
