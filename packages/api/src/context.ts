import type { DatabaseHandle } from "@reeks/db";
import type { LivekitConnection } from "@reeks/livekit";
import type { Mailer } from "@reeks/mail";
import { DEFAULT_LOCALE, type Locale, localeSchema } from "@reeks/models";
import type { SignedIn } from "./access";

/** Why a link is sent: the mail's wording follows (a registration asks to confirm the address). */
export type SignInLinkPurpose = { kind: "sign-in" } | { kind: "registration"; seriesSlug: string };

/** What account procedures need besides the database; the server wires it to better-auth and SMTP. */
export interface AccountServices {
  mailer: Mailer;
  /** Origin of the web app, for links in mails. */
  publicUrl: string;
  /** Mails a magic link to a known person that leads to `callbackPath` once signed in. */
  sendSignInLink(email: string, callbackPath: string, purpose?: SignInLinkPurpose): Promise<void>;
}

export interface LivekitContext {
  connection: LivekitConnection;
  /** The ws:// or wss:// URL that browsers use; may differ from the one the server uses. */
  publicUrl: string;
}

export interface ContextInner {
  database: DatabaseHandle;
  livekit: LivekitContext;
  locale: Locale;
  /** The signed-in person, or null. Only a claim: procedures check it against the database. */
  actor: SignedIn | null;
  /** Mail and sign-in links; absent in tests of procedures that send no mail. */
  accounts: AccountServices | null;
  /** The connecting client's address, for per-client rate limits (null outside HTTP). */
  clientAddress: string | null;
}

/** The context without HTTP: what tests pass to `createCaller`. */
export function createContextInner(options: {
  database: DatabaseHandle;
  livekit: LivekitContext;
  locale?: Locale;
  actor?: SignedIn | null;
  accounts?: AccountServices | null;
  clientAddress?: string | null;
}): ContextInner {
  return {
    database: options.database,
    livekit: options.livekit,
    locale: options.locale ?? DEFAULT_LOCALE,
    actor: options.actor ?? null,
    accounts: options.accounts ?? null,
    clientAddress: options.clientAddress ?? null,
  };
}

/** The person's language: our own header from the web app, else Accept-Language, else Dutch. */
export function localeFromHeaders(headers: Headers): Locale {
  const explicit = localeSchema.safeParse(headers.get("x-reeks-locale"));
  if (explicit.success) return explicit.data;
  const accepted = headers.get("accept-language") ?? "";
  for (const part of accepted.split(",")) {
    const tag = part.split(";")[0]?.trim().slice(0, 2).toLowerCase();
    const parsed = localeSchema.safeParse(tag);
    if (parsed.success) return parsed.data;
  }
  return DEFAULT_LOCALE;
}

export function createContext(options: {
  database: DatabaseHandle;
  livekit: LivekitContext;
  headers: Headers;
  /** Resolved by the HTTP host from the session cookie (accounts). */
  actor: SignedIn | null;
  accounts?: AccountServices | null;
  clientAddress?: string | null;
}): ContextInner {
  return createContextInner({ ...options, locale: localeFromHeaders(options.headers) });
}

export type Context = ContextInner;
