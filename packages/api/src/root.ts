import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
import { accountRouter } from "./router/account";
import { captureRouter } from "./router/capture";
import { connectionTestRouter } from "./router/connection-test";
import { membershipRouter } from "./router/membership";
import { registrationRouter } from "./router/registration";
import { reviewRouter } from "./router/review";
import { schedulingRouter } from "./router/scheduling";
import { seriesRouter } from "./router/series";
import { createTRPCRouter } from "./trpc";

export const appRouter = createTRPCRouter({
  series: seriesRouter,
  account: accountRouter,
  registration: registrationRouter,
  review: reviewRouter,
  membership: membershipRouter,
  connectionTest: connectionTestRouter,
  scheduling: schedulingRouter,
  capture: captureRouter,
});

export type AppRouter = typeof appRouter;
export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;
