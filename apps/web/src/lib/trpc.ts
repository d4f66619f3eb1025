import type { AppRouter } from "@reeks/api";
import { API_CLIENT_LIMITS } from "@reeks/models";
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
          // The server refuses bigger batches and longer URLs; split them before it has to.
          maxItems: API_CLIENT_LIMITS.batchItems,
          maxURLLength: API_CLIENT_LIMITS.urlLength,
          // The server answers errors in the person's language.
          headers: () => ({ "x-reeks-locale": currentLocale() }),
        }),
      }),
    ],
  });
}
