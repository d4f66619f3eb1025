import { join } from "node:path";

export interface Command {
  command: string;
  args: string[];
}

/** The compiled server, relative to the repository root; `pnpm --filter @reeks/server build` writes it. */
export const COMPILED_SERVER_ENTRY = "apps/server/dist/main.js";
export const COMPILED_CLI_ENTRY = "apps/server/dist/cli.js";

/**
 * How a supervisor (systemd's ExecStart, the tests' stand-in) runs Reeks in production: plain Node on
 * the compiled JavaScript, no pnpm and no tsx between them, so the signals reach the server itself and
 * nothing transpiles at run time. The environment (NODE_ENV=production and the rest) comes from the
 * env file the supervisor loads.
 */
export function productionStartCommand(rootDir: string, nodeBinary: string = process.execPath): Command {
  return { command: nodeBinary, args: [join(rootDir, COMPILED_SERVER_ENTRY)] };
}

/** Builds what productionStartCommand runs (the web app and the server); run after every upgrade. */
export function productionBuildCommands(): Command[] {
  return [
    { command: "pnpm", args: ["--filter", "@reeks/web", "build"] },
    { command: "pnpm", args: ["--filter", "@reeks/server", "build"] },
  ];
}
