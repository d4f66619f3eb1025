import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
import { captureRouter } from "./router/capture";
import { connectionTestRouter } from "./router/connection-test";
import { seriesRouter } from "./router/series";
import { createTRPCRouter } from "./trpc";

export const appRouter = createTRPCRouter({
  series: seriesRouter,
  connectionTest: connectionTestRouter,
  capture: captureRouter,
});

export type AppRouter = typeof appRouter;
export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;
