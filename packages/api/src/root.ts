import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
import { accountRouter } from "./router/account";
import { connectionTestRouter } from "./router/connection-test";
import { seriesRouter } from "./router/series";
import { createTRPCRouter } from "./trpc";

export const appRouter = createTRPCRouter({
  series: seriesRouter,
  account: accountRouter,
  connectionTest: connectionTestRouter,
});

export type AppRouter = typeof appRouter;
export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;
