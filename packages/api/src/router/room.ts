import type { TRPCRouterRecord } from "@trpc/server";
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { listAttendance, liveAttendanceCount } from "../rooms/attendance";
import {
  admitFromLobby,
  CHAT_MAX_LENGTH,
  endSession,
  issueRoomToken,
  listChat,
  muteAll,
  muteTrack,
  removeFromSession,
  roomInfo,
  roster,
  sendChat,
  setHand,
  setLocked,
  setStage,
  startSession,
} from "../rooms/room-service";
import { memberProcedure, moderatorProcedure } from "../trpc";

const bySession = z.object({ sessionId: z.uuid() });
const onParticipant = bySession.extend({ participantId: z.uuid() });

/** Session-scoped procedures always have their session in ctx; this narrows the type. */
function sessionOf<T>(ctx: { session: T | null }): T {
  if (!ctx.session) throw new TRPCError({ code: "BAD_REQUEST", message: "sessionId required" });
  return ctx.session;
}

export const roomRouter = {
  /** Also for someone removed from the session: it is how their page learns that they were. */
  info: memberProcedure
    .meta({ access: "member", removedMayRead: true })
    .input(bySession)
    .query(({ ctx }) => roomInfo(ctx.database.db, sessionOf(ctx), ctx.participant, ctx.person.name)),
  /** A fresh token, just before connecting; or why there is none yet (waiting, lobby, ended). */
  join: memberProcedure
    .input(bySession)
    .mutation(({ ctx }) => issueRoomToken(ctx.database.db, ctx.livekit, sessionOf(ctx), ctx.participant)),
  roster: memberProcedure.input(bySession).query(({ ctx }) => roster(ctx.database.db, sessionOf(ctx))),
  raiseHand: memberProcedure
    .input(bySession.extend({ raised: z.boolean() }))
    .mutation(({ ctx, input }) => setHand(ctx.database.db, sessionOf(ctx), ctx.participant, input.raised)),
  /** The chat, a page at a time from the newest; new messages come on `capture.live`. */
  chat: memberProcedure
    .input(bySession.extend({ cursor: z.uuid().nullish() }))
    .query(({ ctx, input }) => listChat(ctx.database.db, sessionOf(ctx), { before: input.cursor ?? null })),
  sendChat: memberProcedure
    .input(bySession.extend({ body: z.string().trim().min(1).max(CHAT_MAX_LENGTH) }))
    .mutation(({ ctx, input }) => sendChat(ctx.database.db, sessionOf(ctx), ctx.participant, input.body)),

  start: moderatorProcedure
    .input(bySession)
    .mutation(({ ctx }) => startSession(ctx.database.db, ctx.livekit, sessionOf(ctx), ctx.actor)),
  end: moderatorProcedure
    .input(bySession)
    .mutation(({ ctx }) => endSession(ctx.database.db, ctx.livekit, sessionOf(ctx), ctx.actor)),
  setStage: moderatorProcedure
    .input(onParticipant.extend({ onStage: z.boolean() }))
    .mutation(({ ctx, input }) =>
      setStage(ctx.database.db, ctx.livekit, sessionOf(ctx), ctx.actor, input.participantId, input.onStage),
    ),
  muteTrack: moderatorProcedure
    // LiveKit's track ids: TR_ and a short base-62 tail.
    .input(onParticipant.extend({ trackSid: z.string().regex(/^TR_[A-Za-z0-9]{1,60}$/) }))
    .mutation(({ ctx, input }) =>
      muteTrack(ctx.database.db, ctx.livekit, sessionOf(ctx), ctx.actor, input.participantId, input.trackSid),
    ),
  muteAll: moderatorProcedure
    .input(bySession.extend({ exceptIdentity: z.string().max(64).nullable().default(null) }))
    .mutation(({ ctx, input }) =>
      muteAll(ctx.database.db, ctx.livekit, sessionOf(ctx), ctx.actor, input.exceptIdentity),
    ),
  remove: moderatorProcedure
    .input(onParticipant)
    .mutation(({ ctx, input }) =>
      removeFromSession(ctx.database.db, ctx.livekit, sessionOf(ctx), ctx.actor, input.participantId),
    ),
  lock: moderatorProcedure
    .input(bySession.extend({ locked: z.boolean() }))
    .mutation(({ ctx, input }) => setLocked(ctx.database.db, sessionOf(ctx), ctx.actor, input.locked)),
  admit: moderatorProcedure
    .input(onParticipant)
    .mutation(({ ctx, input }) =>
      admitFromLobby(ctx.database.db, sessionOf(ctx), ctx.actor, input.participantId),
    ),
  attendance: moderatorProcedure.input(bySession).query(async ({ ctx }) => {
    const session = sessionOf(ctx);
    return {
      liveCount: await liveAttendanceCount(ctx.database.db, session.id),
      intervals: await listAttendance(ctx.database.db, session.id),
    };
  }),
} satisfies TRPCRouterRecord;
