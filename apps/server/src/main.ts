import { LivekitUnavailableError } from "@reeks/livekit";
import { ConfigError, loadEnv } from "./env";
import { startReeks } from "./server";

async function main() {
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
