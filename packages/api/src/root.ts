import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
import { connectionTestRouter } from "./router/connection-test";
import { schedulingRouter } from "./router/scheduling";
import { seriesRouter } from "./router/series";
import { createTRPCRouter } from "./trpc";

export const appRouter = createTRPCRouter({
  series: seriesRouter,
  connectionTest: connectionTestRouter,
  scheduling: schedulingRouter,
});

export type AppRouter = typeof appRouter;
export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;
