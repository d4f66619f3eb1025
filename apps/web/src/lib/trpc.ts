import type { AppRouter } from "@reeks/api";
import { createTRPCClient, httpBatchStreamLink, httpSubscriptionLink, splitLink } from "@trpc/client";
import { createTRPCContext } from "@trpc/tanstack-react-query";
import { currentLocale } from "../i18n";

export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();

const url = "/api/trpc";

export function createTrpcClient() {
  return createTRPCClient<AppRouter>({
    links: [
      splitLink({
        condition: (op) => op.type === "subscription",
        true: httpSubscriptionLink({ url }),
        false: httpBatchStreamLink({
          url,
          // The server answers errors in the person's language.
          headers: () => ({ "x-reeks-locale": currentLocale() }),
        }),
      }),
    ],
  });
}
