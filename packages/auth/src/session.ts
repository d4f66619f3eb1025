import { AuthSession, type Database, eq } from "@reeks/db";
import type { Auth } from "./auth";
import { SESSION_ABSOLUTE_SECONDS } from "./policy";

export interface SignedInSession {
  sessionId: string;
  personId: string;
  createdAt: Date;
  expiresAt: Date;
  /**
   * Set-Cookie values to pass on to the browser: when better-auth moved the idle expiry forward it
   * renews the cookie too, or the browser would drop an active session after the first 7 days.
   */
  setCookies: string[];
}

/**
 * The session of the cookie in these headers, or null. better-auth checks the signature and the idle
 * expiry (and moves it forward); we add the absolute timeout, which better-auth does not have: a session
 * older than SESSION_ABSOLUTE_SECONDS is deleted, whatever its activity.
 */
export async function resolveSession(
  auth: Auth,
  db: Database,
  headers: Headers,
): Promise<SignedInSession | null> {
  if (!headers.get("cookie")) return null;
  const { response: result, headers: responseHeaders } = await auth.api.getSession({
    headers,
    returnHeaders: true,
  });
  if (!result) return null;
  const { session } = result;
  const createdAt = new Date(session.createdAt);
  if (Date.now() - createdAt.getTime() > SESSION_ABSOLUTE_SECONDS * 1000) {
    await db.delete(AuthSession).where(eq(AuthSession.id, session.id));
    return null;
  }
  return {
    sessionId: session.id,
    personId: session.userId,
    createdAt,
    expiresAt: new Date(session.expiresAt),
    setCookies: responseHeaders?.getSetCookie() ?? [],
  };
}
