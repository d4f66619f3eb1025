import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
import { connectionTestRouter } from "./router/connection-test";
import { roomRouter } from "./router/room";
import { seriesRouter } from "./router/series";
import { createTRPCRouter } from "./trpc";

export const appRouter = createTRPCRouter({
  series: seriesRouter,
  connectionTest: connectionTestRouter,
  room: roomRouter,
});

export type AppRouter = typeof appRouter;
export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;
