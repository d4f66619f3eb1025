import type { Locale } from "@reeks/models";
import { TRPCError } from "@trpc/server";
import type { TRPC_ERROR_CODE_KEY } from "@trpc/server/rpc";
import { type MessageKey, serverMessage } from "../messages";

/** A TRPCError whose message is written for the person, in their language. */
export function localizedError(
  code: TRPC_ERROR_CODE_KEY,
  key: MessageKey,
  locale: Locale,
  values: Record<string, string | number> = {},
): TRPCError {
  return new TRPCError({ code, message: serverMessage(key, locale, values) });
}
