import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";
import { listAttendance, liveAttendanceCount } from "../rooms/attendance";
import { CHAT_MAX_LENGTH, listChat, sendChat } from "../rooms/chat";
import { endSession, startSession } from "../rooms/lifecycle";
import {
  admitFromLobby,
  muteAll,
  muteTrack,
  removeFromSession,
  setLocked,
  setStage,
} from "../rooms/moderation";
import { roomInfo, roster, setHand } from "../rooms/presence";
import { issueRoomToken } from "../rooms/tokens";
import { sessionMemberProcedure, sessionModeratorProcedure } from "../trpc";

const bySession = z.object({ sessionId: z.uuid() });
const onParticipant = bySession.extend({ participantId: z.uuid() });

export const roomRouter = {
  /** Also for someone removed from the session: it is how their page learns that they were. */
  info: sessionMemberProcedure
    .meta({ access: "member", removedMayRead: true })
    .input(bySession)
    .query(({ ctx }) => roomInfo(ctx.db, ctx.person, ctx.actor)),
  /** A fresh token, just before connecting; or why there is none yet (waiting, lobby, ended). */
  join: sessionMemberProcedure.input(bySession).mutation(({ ctx }) => issueRoomToken(ctx, ctx.actor)),
  roster: sessionMemberProcedure.input(bySession).query(({ ctx }) => roster(ctx.db, ctx.actor)),
  raiseHand: sessionMemberProcedure
    .input(bySession.extend({ raised: z.boolean() }))
    .mutation(({ ctx, input }) => setHand(ctx.db, input, ctx.actor)),
  /** The chat, a page at a time from the newest; new messages come on `capture.live`. */
  chat: sessionMemberProcedure
    .input(bySession.extend({ cursor: z.uuid().nullish() }))
    .query(({ ctx, input }) => listChat(ctx.db, input, ctx.actor)),
  sendChat: sessionMemberProcedure
    .input(bySession.extend({ body: z.string().trim().min(1).max(CHAT_MAX_LENGTH) }))
    .mutation(({ ctx, input }) => sendChat(ctx.db, input, ctx.actor)),

  /** `offSchedule`: the moderator confirmed starting more than an hour early or on another day. */
  start: sessionModeratorProcedure
    .input(bySession.extend({ offSchedule: z.boolean().default(false) }))
    .mutation(({ ctx, input }) => startSession(ctx, ctx.actor, input)),
  end: sessionModeratorProcedure.input(bySession).mutation(({ ctx }) => endSession(ctx, ctx.actor)),
  setStage: sessionModeratorProcedure
    .input(onParticipant.extend({ onStage: z.boolean() }))
    .mutation(({ ctx, input }) => setStage(ctx, input, ctx.actor)),
  muteTrack: sessionModeratorProcedure
    // LiveKit's track ids: TR_ and a short base-62 tail.
    .input(onParticipant.extend({ trackSid: z.string().regex(/^TR_[A-Za-z0-9]{1,60}$/) }))
    .mutation(({ ctx, input }) => muteTrack(ctx, input, ctx.actor)),
  muteAll: sessionModeratorProcedure
    .input(bySession.extend({ exceptIdentity: z.string().max(64).nullable().default(null) }))
    .mutation(({ ctx, input }) => muteAll(ctx, input, ctx.actor)),
  remove: sessionModeratorProcedure
    .input(onParticipant)
    .mutation(({ ctx, input }) => removeFromSession(ctx, input, ctx.actor)),
  lock: sessionModeratorProcedure
    .input(bySession.extend({ locked: z.boolean() }))
    .mutation(({ ctx, input }) => setLocked(ctx, input, ctx.actor)),
  admit: sessionModeratorProcedure
    .input(onParticipant)
    .mutation(({ ctx, input }) => admitFromLobby(ctx, input, ctx.actor)),
  attendance: sessionModeratorProcedure.input(bySession).query(async ({ ctx }) => ({
    liveCount: await liveAttendanceCount(ctx.db, ctx.session.id),
    intervals: await listAttendance(ctx.db, ctx.session.id),
  })),
} satisfies TRPCRouterRecord;
