import { MutationCache, type Query, QueryCache, QueryClient } from "@tanstack/react-query";
import { TRPCClientError } from "@trpc/client";

/** A 4xx answer (not allowed, not found, bad input) will not change by asking again. */
export function isClientError(error: unknown): boolean {
  if (!(error instanceof TRPCClientError)) return false;
  const status = (error.data as { httpStatus?: number } | undefined)?.httpStatus ?? 500;
  return status >= 400 && status < 500;
}

function shouldRetry(failureCount: number, error: unknown): boolean {
  if (isClientError(error)) return false;
  return failureCount < 2;
}

type Interval = number | false | ((query: Query) => number | false | undefined);

/**
 * The same rule for polling: a query whose last answer was a 4xx stops its interval, whatever the
 * page asked for (a waitlisted member's session page would otherwise ask "may I?" every 3 s forever).
 * It starts again when something else (a reload, an invalidation) brings a good answer.
 */
function stopPollingOnClientError(interval: Interval | undefined): Interval | undefined {
  if (interval === undefined || interval === false) return interval;
  return (query) => {
    if (query.state.status === "error" && isClientError(query.state.error)) return false;
    return typeof interval === "function" ? interval(query) : interval;
  };
}

export function createQueryClient(onError: (error: unknown) => void): QueryClient {
  const client = new QueryClient({
    queryCache: new QueryCache({ onError }),
    mutationCache: new MutationCache({ onError }),
    defaultOptions: {
      queries: { retry: shouldRetry, staleTime: 30_000 },
      mutations: { retry: false },
    },
  });
  const defaults = client.defaultQueryOptions.bind(client);
  client.defaultQueryOptions = ((options: Parameters<typeof defaults>[0]) => {
    const defaulted = defaults(options);
    // Already defaulted (and wrapped) options come back unchanged.
    if ((options as { _defaulted?: boolean })._defaulted) return defaulted;
    return {
      ...defaulted,
      refetchInterval: stopPollingOnClientError(defaulted.refetchInterval as Interval | undefined),
    };
  }) as QueryClient["defaultQueryOptions"];
  return client;
}
