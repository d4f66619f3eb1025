/**
 * Errors that mean "the database cannot be reached right now", as opposed to a query that is wrong.
 * They are expected during a restart or failover of PostgreSQL: callers retry later, answer 503, and
 * the process stays up. Anything else from a query is a bug or bad data.
 */

/** Socket errors of the pg driver while (re)connecting or mid-query. */
const NETWORK_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
]);

/**
 * SQLSTATEs of a server that is going or gone: class 08 (connection exception), 57P01–57P03
 * (admin/crash shutdown, "the database system is starting up / shutting down"), 53300 (too many
 * connections, a server still recovering from a restart storm).
 */
function isUnavailableSqlState(code: string): boolean {
  return (
    code.startsWith("08") || code === "57P01" || code === "57P02" || code === "57P03" || code === "53300"
  );
}

/** Messages pg (and PGlite) use for a lost connection; they come without a code. */
const MESSAGES = [
  /^Connection terminated/,
  /^timeout exceeded when trying to connect/,
  /^Client has encountered a connection error and is not queryable/,
  /^Client was closed and is not queryable/,
  /^PGlite is closed/,
];

function ownUnavailable(error: object): boolean {
  const code = (error as { code?: unknown }).code;
  if (typeof code === "string" && (NETWORK_CODES.has(code) || isUnavailableSqlState(code))) return true;
  const message = (error as { message?: unknown }).message;
  return typeof message === "string" && MESSAGES.some((pattern) => pattern.test(message));
}

/**
 * Whether this error, or one it wraps (drizzle's DrizzleQueryError, a TRPCError, better-auth's
 * APIError all keep the driver's error as `cause`), says the database is unreachable.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  const seen = new Set<unknown>();
  let current: unknown = error;
  while (current && typeof current === "object" && !seen.has(current)) {
    seen.add(current);
    if (ownUnavailable(current)) return true;
    if (current instanceof AggregateError && current.errors.some((e) => isDatabaseUnavailable(e)))
      return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

/**
 * One line about an error that is safe to log: drizzle's "Failed query: … params: …" carries the
 * parameters (session tokens, e-mail addresses), so only the driver's own message and code are kept.
 */
export function describeDatabaseError(error: unknown): string {
  const seen = new Set<unknown>();
  let current: unknown = error;
  let innermost: unknown = error;
  while (current && typeof current === "object" && !seen.has(current)) {
    seen.add(current);
    innermost = current;
    current = (current as { cause?: unknown }).cause;
  }
  if (!(innermost instanceof Error)) return redactQueryText(String(innermost));
  const code = (innermost as { code?: unknown }).code;
  const message = redactQueryText(innermost.message || innermost.name);
  return typeof code === "string" && !message.includes(code) ? `${message} (${code})` : message;
}

/** Cuts a drizzle "Failed query" message down to nothing that came from a request. */
export function redactQueryText(text: string): string {
  return text.replace(/Failed query:[\s\S]*/g, "Failed query (text and parameters withheld)");
}

/**
 * An error with its stack and those of its causes (a bug needs them), minus the query text and
 * parameters drizzle puts in its message.
 */
export function loggableError(error: unknown): string {
  const parts: string[] = [];
  const seen = new Set<unknown>();
  let current: unknown = error;
  while (current !== undefined && current !== null && !seen.has(current) && parts.length < 8) {
    seen.add(current);
    if (!(current instanceof Error)) {
      parts.push(describeDatabaseError(current));
      break;
    }
    const text = current.stack ?? `${current.name}: ${current.message}`;
    parts.push(
      redactQueryText(
        text.replace(/Failed query:[\s\S]*?\nparams: [^\n]*/g, "Failed query (text and parameters withheld)"),
      ),
    );
    current = current.cause;
  }
  return parts.join("\ncaused by: ");
}
