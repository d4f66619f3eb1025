import { createTRPCClient, httpLink, httpSubscriptionLink, splitLink } from "@trpc/client";
import { EventSource } from "eventsource";
import type { AppRouter } from "../index";
import { TEST_PERSON_HEADER } from "./api-instance";

/** A tRPC client in Node acting as one person against an `ApiInstance`, SSE subscriptions included. */
export function trpcClientFor(baseUrl: string, personId: string) {
  const url = `${baseUrl}/api/trpc`;
  const headers = { [TEST_PERSON_HEADER]: personId };
  return createTRPCClient<AppRouter>({
    links: [
      splitLink({
        condition: (op) => op.type === "subscription",
        true: httpSubscriptionLink({
          url,
          EventSource,
          eventSourceOptions: () => ({
            fetch: (input: string | URL | Request, init?: RequestInit) =>
              fetch(input, {
                ...init,
                headers: { ...(init?.headers as Record<string, string>), ...headers },
              }),
          }),
        }),
        false: httpLink({ url, headers }),
      }),
    ],
  });
}
