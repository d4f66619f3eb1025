import { isDatabaseUnavailable, loggableError } from "@reeks/db";
import { LivekitUnavailableError } from "@reeks/livekit";
import { ConfigError, loadEnv } from "./env";
import { startReeks } from "./server";

/**
 * What a failure that reached the top means. A lost database connection is an outage, not a bug:
 * PostgreSQL restarts and fails over, every loop retries with backoff and requests answer 503, so it
 * is logged and the process lives on. Anything else escaped every handler, which is a bug: the state
 * of the process can no longer be trusted, so it exits non-zero and its supervisor restarts it.
 */
function onEscaped(kind: string) {
  return (error: unknown) => {
    if (isDatabaseUnavailable(error)) {
      console.error(`${kind} from a lost database connection (survived): ${loggableError(error)}`);
      return;
    }
    console.error(`${kind} (a bug; exiting): ${loggableError(error)}`);
    process.exit(1);
  };
}

async function main() {
  process.on("unhandledRejection", onEscaped("Unhandled rejection"));
  process.on("uncaughtException", onEscaped("Uncaught exception"));
  const started = Date.now();
  const env = loadEnv();
  const reeks = await startReeks(env);
  console.log(
    `Reeks is running on ${reeks.url} (database: ${reeks.database.kind}, ready in ${Date.now() - started} ms)`,
  );
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping Reeks…`);
    await reeks.stop();
    process.exit(0);
  };
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof LivekitUnavailableError) {
    console.error(error.message);
  } else {
    console.error("Reeks could not start:", error);
  }
  process.exit(1);
});
