import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
import { connectionTestRouter } from "./router/connection-test";
import { exportsRouter } from "./router/exports";
import { seriesRouter } from "./router/series";
import { createTRPCRouter } from "./trpc";

export const appRouter = createTRPCRouter({
  series: seriesRouter,
  connectionTest: connectionTestRouter,
  exports: exportsRouter,
});

export type AppRouter = typeof appRouter;
export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;
