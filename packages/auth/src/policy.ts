/**
 * Security settings for accounts, in one place so the report, the code and the tests agree.
 *
 * - Magic links live 10 minutes (the maximum): long enough to switch to a mail client, short
 *   enough that a link found later in a mailbox or a proxy log is useless. They are single-use (better-auth
 *   consumes the verification row atomically) and only their SHA-256 is stored.
 * - Sessions expire after 7 days without use (idle timeout); use moves the expiry forward at most once a
 *   day, so a busy session costs one write a day, not one per request. Whatever the use, a session ends
 *   30 days after sign-in (absolute timeout): a stolen cookie cannot be kept alive forever.
 * - Cookies: httpOnly (no script can read them), SameSite=Lax (not sent on cross-site POSTs, still sent
 *   when a person follows a link from a mail), Secure whenever the public URL is https.
 */
export const MAGIC_LINK_TTL_SECONDS = 10 * 60;
export const SESSION_IDLE_SECONDS = 7 * 24 * 60 * 60;
export const SESSION_REFRESH_SECONDS = 24 * 60 * 60;
export const SESSION_ABSOLUTE_SECONDS = 30 * 24 * 60 * 60;
export const COOKIE_PREFIX = "reeks";
/** Where better-auth's endpoints are mounted. */
export const AUTH_BASE_PATH = "/api/auth";
/** The web app's page that explains a failed sign-in link. */
export const SIGN_IN_ERROR_PATH = "/inloggen";
