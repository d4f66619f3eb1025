import { initTRPC } from "@trpc/server";
import type { Context } from "./context";
import { localizedFieldErrors, zodErrorOf } from "./errors";

const t = initTRPC.context<Context>().create({
  errorFormatter({ shape, error, ctx }) {
    const zodError = error.code === "BAD_REQUEST" ? zodErrorOf(error.cause) : null;
    return {
      ...shape,
      data: {
        ...shape.data,
        // Never leak stack traces to browsers.
        stack: undefined,
        fieldErrors: zodError ? localizedFieldErrors(zodError, ctx?.locale ?? "nl") : null,
      },
    };
  },
});

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;
export const mergeRouters = t.mergeRouters;

/** Anyone, signed in or not. Only for what is meant to be public. */
export const publicProcedure = t.procedure;
