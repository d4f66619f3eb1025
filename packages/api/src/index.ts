export {
  type Context,
  type ContextInner,
  createContext,
  createContextInner,
  type LivekitContext,
  localeFromHeaders,
} from "./context";
export type { FieldErrors } from "./errors";
export { type AppRouter, appRouter, type RouterInputs, type RouterOutputs } from "./root";
export { createCallerFactory } from "./trpc";
