import { currentLocale } from "../i18n";

/** better-auth's endpoints, called directly: the few calls we need do not justify its client library. */
const AUTH = "/api/auth";

export type AuthResult = { ok: true } | { ok: false; status: number; message: string | null };

async function post(path: string, body: unknown): Promise<AuthResult> {
  const response = await fetch(`${AUTH}${path}`, {
    method: "POST",
    credentials: "same-origin",
    headers: { "content-type": "application/json", "x-reeks-locale": currentLocale() },
    body: JSON.stringify(body),
  });
  if (response.ok) return { ok: true };
  const json = (await response.json().catch(() => null)) as { message?: string } | null;
  return { ok: false, status: response.status, message: json?.message ?? null };
}

/** Asks for a magic link; after following it the person lands on `callbackPath`. */
export function requestSignInLink(email: string, callbackPath = "/"): Promise<AuthResult> {
  return post("/sign-in/magic-link", { email, callbackURL: callbackPath });
}

export function signOut(): Promise<AuthResult> {
  return post("/sign-out", {});
}
