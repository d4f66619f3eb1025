import { MutationCache, QueryCache, QueryClient } from "@tanstack/react-query";
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

type RefetchInterval = number | false | ((query: never) => number | false | undefined) | undefined;

/**
 * The same rule for polling: a query whose last answer was a 4xx stops its interval, whatever the
 * page asked for (a waitlisted member's session page would otherwise ask "may I?" every 3 s forever).
 * It starts again when something else (a reload, an invalidation) brings a good answer.
 */
class ReeksQueryClient extends QueryClient {
  override defaultQueryOptions(...args: Parameters<QueryClient["defaultQueryOptions"]>) {
    const options = super.defaultQueryOptions(...args);
    const interval = options.refetchInterval as RefetchInterval;
    if (interval === undefined || interval === false) return options;
    return {
      ...options,
      refetchInterval: (query: Parameters<Extract<RefetchInterval, (q: never) => unknown>>[0] & {
        state: { status: string; error: unknown };
      }) => {
        if (query.state.status === "error" && isClientError(query.state.error)) return false;
        return typeof interval === "function" ? interval(query as never) : interval;
      },
    } as typeof options;
  }
}

export function createQueryClient(onError: (error: unknown) => void): QueryClient {
  return new ReeksQueryClient({
    queryCache: new QueryCache({ onError }),
    mutationCache: new MutationCache({ onError }),
    defaultOptions: {
      queries: { retry: shouldRetry, staleTime: 30_000 },
      mutations: { retry: false },
    },
  });
}
