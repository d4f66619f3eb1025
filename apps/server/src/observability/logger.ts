import { format } from "node:util";
import { pino } from "pino";
import type { Env } from "../env";

export type Logger = pino.Logger;

/**
 * Paths pino blanks out wherever they appear in a log object. Requests are logged without headers
 * and without the query (magic-link tokens travel there), so these are a second line of defence.
 */
const REDACTED = [
  "headers.cookie",
  "headers.authorization",
  'headers["set-cookie"]',
  "*.headers.cookie",
  "*.headers.authorization",
  'headers["x-reeks-admin-token"]',
  "token",
  "*.token",
  "secret",
  "*.secret",
  "password",
  "*.password",
  "apiSecret",
  "*.apiSecret",
];

const LEVEL_NAMES: Record<number, string> = {
  10: "trace",
  20: "debug",
  30: "info",
  40: "warn",
  50: "error",
  60: "fatal",
};

/**
 * What a developer reads in a terminal: the message, and the fields of a request line after it. Plain
 * text rather than pino-pretty, which would start a worker thread for a few colours.
 */
function readableLines(write: (text: string) => void) {
  return {
    write(line: string) {
      const {
        level,
        time: _time,
        pid: _pid,
        hostname: _host,
        msg,
        ...fields
      } = JSON.parse(line) as Record<string, unknown> & { level: number; msg?: string };
      const extra = Object.entries(fields)
        .map(([key, value]) => `${key}=${typeof value === "string" ? value : JSON.stringify(value)}`)
        .join(" ");
      const prefix = level >= 40 ? `${LEVEL_NAMES[level] ?? level}: ` : "";
      write(`${prefix}${msg ?? ""}${extra ? ` ${extra}` : ""}\n`);
    },
  };
}

/**
 * JSON lines on stdout in production (for journald, Loki, …), readable lines otherwise. Synchronous
 * writes: a line logged just before process.exit() must not be lost.
 */
export function createLogger(
  env: Pick<Env, "NODE_ENV" | "LOG_LEVEL">,
  write: (text: string) => void = (text) => process.stdout.write(text),
): Logger {
  const options: pino.LoggerOptions = {
    level: env.LOG_LEVEL,
    redact: { paths: REDACTED, censor: "[redacted]" },
    formatters: { level: (label) => ({ level: label }) },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
  if (env.NODE_ENV === "production") return pino(options, { write });
  return pino({ ...options, formatters: {}, timestamp: false }, readableLines(write));
}

/**
 * Lines the workspace packages write with console.* (they take no logger) go through the logger too,
 * so that production output stays one JSON object a line.
 */
export function routeConsoleTo(logger: Logger): void {
  console.log = (...args: unknown[]) => logger.info(format(...args));
  console.info = (...args: unknown[]) => logger.info(format(...args));
  console.warn = (...args: unknown[]) => logger.warn(format(...args));
  console.error = (...args: unknown[]) => logger.error(format(...args));
  console.debug = (...args: unknown[]) => logger.debug(format(...args));
}
