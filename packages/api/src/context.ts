import type { DatabaseHandle } from "@reeks/db";
import type { LivekitConnection } from "@reeks/livekit";
import { DEFAULT_LOCALE, type Locale, localeSchema } from "@reeks/models";
import type { Actor } from "./access";

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
  actor: Actor | null;
}

/** The context without HTTP: what tests pass to `createCaller`. */
export function createContextInner(options: {
  database: DatabaseHandle;
  livekit: LivekitContext;
  locale?: Locale;
  actor?: Actor | null;
}): ContextInner {
  return {
    database: options.database,
    livekit: options.livekit,
    locale: options.locale ?? DEFAULT_LOCALE,
    actor: options.actor ?? null,
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
  actor: Actor | null;
}): ContextInner {
  return createContextInner({ ...options, locale: localeFromHeaders(options.headers) });
}

export type Context = ContextInner;
