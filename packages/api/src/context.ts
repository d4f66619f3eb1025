import type { DatabaseHandle } from "@reeks/db";
import type { LivekitConnection } from "@reeks/livekit";
import { DEFAULT_LOCALE, type Locale, localeSchema } from "@reeks/models";

export interface LivekitContext {
  connection: LivekitConnection;
  /** The ws:// or wss:// URL that browsers use; may differ from the one the server uses. */
  publicUrl: string;
}

export interface ContextInner {
  database: DatabaseHandle;
  livekit: LivekitContext;
  locale: Locale;
}

/** The context without HTTP: what tests pass to `createCaller`. */
export function createContextInner(options: {
  database: DatabaseHandle;
  livekit: LivekitContext;
  locale?: Locale;
}): ContextInner {
  return { database: options.database, livekit: options.livekit, locale: options.locale ?? DEFAULT_LOCALE };
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
}): ContextInner {
  return createContextInner({ ...options, locale: localeFromHeaders(options.headers) });
}

export type Context = ContextInner;
