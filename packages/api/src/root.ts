import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
import { accountRouter } from "./router/account";
import { administrationRouter } from "./router/administration";
import { authoringRouter } from "./router/authoring";
import { breakoutRouter } from "./router/breakout";
import { captionsRouter } from "./router/captions";
import { captureRouter } from "./router/capture";
import { connectionTestRouter } from "./router/connection-test";
import { exportsRouter } from "./router/exports";
import { homeRouter } from "./router/home";
import { membershipRouter } from "./router/membership";
import { registrationRouter } from "./router/registration";
import { reviewRouter } from "./router/review";
import { roomRouter } from "./router/room";
import { schedulingRouter } from "./router/scheduling";
import { seriesRouter } from "./router/series";
import { setupRouter } from "./router/setup";
import { createTRPCRouter } from "./trpc";

export const appRouter = createTRPCRouter({
  series: seriesRouter,
  account: accountRouter,
  registration: registrationRouter,
  review: reviewRouter,
  membership: membershipRouter,
  connectionTest: connectionTestRouter,
  room: roomRouter,
  exports: exportsRouter,
  scheduling: schedulingRouter,
  capture: captureRouter,
  setup: setupRouter,
  administration: administrationRouter,
  authoring: authoringRouter,
  home: homeRouter,
  breakout: breakoutRouter,
  captions: captionsRouter,
});

export type AppRouter = typeof appRouter;
export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;
