import { mintConnectionTestToken } from "@reeks/livekit";
import type { TRPCRouterRecord } from "@trpc/server";
import { publicProcedure } from "../trpc";

export const connectionTestRouter = {
  /** A token for a throwaway room of the caller's own, to check camera, microphone and network. */
  token: publicProcedure.mutation(({ ctx }) =>
    mintConnectionTestToken(ctx.livekit.connection, { publicUrl: ctx.livekit.publicUrl }),
  ),
} satisfies TRPCRouterRecord;
