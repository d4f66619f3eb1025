import { isDatabaseUnavailable, loggableError } from "@reeks/db";
import { LivekitUnavailableError } from "@reeks/livekit";
import { ConfigError, type Env, loadEnv } from "./env";
import { createLogger, type Logger, routeConsoleTo } from "./observability/logger";
import { startReeks } from "./server";

/**
 * What a failure that reached the top means. A lost database connection is an outage, not a bug:
 * PostgreSQL restarts and fails over, every loop retries with backoff and requests answer 503, so it
 * is logged and the process lives on. Anything else escaped every handler, which is a bug: the state
 * of the process can no longer be trusted, so it exits non-zero and its supervisor restarts it.
 */
function onEscaped(logger: Logger, kind: string) {
  return (error: unknown) => {
    if (isDatabaseUnavailable(error)) {
      logger.error(`${kind} from a lost database connection (survived): ${loggableError(error)}`);
      return;
    }
    logger.fatal(`${kind} (a bug; exiting): ${loggableError(error)}`);
    process.exit(1);
  };
}

/** Beyond the drain bound: closing the workers and the database gets this long before we give up. */
const CLOSE_GRACE_MS = 5_000;

async function main(env: Env, logger: Logger) {
  process.on("unhandledRejection", onEscaped(logger, "Unhandled rejection"));
  process.on("uncaughtException", onEscaped(logger, "Uncaught exception"));
  const started = Date.now();
  const reeks = await startReeks(env, logger);
  logger.info(
    { readyMs: Date.now() - started, database: reeks.database.kind, nodeEnv: env.NODE_ENV },
    `Reeks is running on ${reeks.url} (database: ${reeks.database.kind}, ready in ${Date.now() - started} ms)`,
  );
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info(`${signal}: stopping Reeks…`);
    // A stop that hangs (a database that does not answer) must still end: the supervisor is waiting.
    setTimeout(
      () => {
        logger.error("shutdown: took too long; exiting anyway");
        process.exit(1);
      },
      env.SHUTDOWN_TIMEOUT_SECONDS * 1_000 + CLOSE_GRACE_MS,
    ).unref();
    await reeks.stop();
    logger.info("Reeks stopped.");
    // A normal stop, also for Ctrl-C: exit 0, so that `pnpm start` does not report a failed command.
    process.exit(0);
  };
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
}

let env: Env;
try {
  env = loadEnv();
} catch (error) {
  // Before a logger exists: one plain line naming the variable.
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}
const logger = createLogger(env);
routeConsoleTo(logger);
main(env, logger).catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof LivekitUnavailableError) {
    logger.fatal(error.message);
  } else {
    logger.fatal(`Reeks could not start: ${loggableError(error)}`);
  }
  process.exit(1);
});
