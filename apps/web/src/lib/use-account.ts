import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "./trpc";

/** The signed-in person (with their participations), null when anonymous, undefined while loading. */
export function useAccount() {
  const trpc = useTRPC();
  return useQuery(trpc.account.me.queryOptions(undefined, { staleTime: 10_000 }));
}
