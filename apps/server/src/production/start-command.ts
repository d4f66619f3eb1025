import { join } from "node:path";

/**
 * How the supervisor starts the app. Until the server is compiled, Node runs the TypeScript through
 * tsx's loader (what `pnpm start` runs, without pnpm in between so that signals reach Node directly).
 */
export function productionStartCommand(rootDir: string): { command: string; args: string[] } {
  return { command: process.execPath, args: ["--import", "tsx", join(rootDir, "apps/server/src/main.ts")] };
}
