import { createHash, randomBytes } from "node:crypto";
import {
  and,
  CaptionFeed,
  CaptionLine,
  type Database,
  desc,
  eq,
  isNull,
  sql,
  type Transaction,
} from "@reeks/db";
import type { SessionActor } from "../actor";
import { withAudit } from "../audit";
import { DomainError } from "../domain-error";

/** Where an external captioning service posts; the token follows (see feed-endpoint.ts). */
export const CAPTION_FEED_PATH = "/api/captions/";
/** 32 random bytes as base64url, as the URL carries it. */
export const CAPTION_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export function hashFeedToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export interface CaptionFeedStatus {
  /** The feed that works now, or null (none made yet, or revoked). */
  active: {
    id: string;
    createdAt: string;
    /** The highest sequence number stored from it, and when its latest line came. */
    lastSeq: number | null;
    lastLineAt: string | null;
  } | null;
}

/** Shown once: only the token's hash is kept, so the URL cannot be shown again, only replaced. */
export interface CaptionFeedSecret {
  feedId: string;
  token: string;
  /** The path to post to; `url` is it on the app's public address where the server knows it. */
  path: string;
  url: string | null;
}

export async function captionFeedStatus(db: Database, actor: SessionActor): Promise<CaptionFeedStatus> {
  const [feed] = await db
    .select()
    .from(CaptionFeed)
    .where(and(eq(CaptionFeed.sessionId, actor.session.id), isNull(CaptionFeed.revokedAt)))
    .orderBy(desc(CaptionFeed.createdAt))
    .limit(1);
  if (!feed) return { active: null };
  const [last] = await db
    .select({ at: sql<Date | null>`max(${CaptionLine.spokenAt})`.mapWith(CaptionLine.spokenAt) })
    .from(CaptionLine)
    .where(eq(CaptionLine.feedId, feed.id));
  return {
    active: {
      id: feed.id,
      createdAt: feed.createdAt.toISOString(),
      lastSeq: feed.lastSeq,
      lastLineAt: last?.at ? last.at.toISOString() : null,
    },
  };
}

async function revokeActive(tx: Transaction, sessionId: string): Promise<number> {
  const revoked = await tx
    .update(CaptionFeed)
    .set({ revokedAt: new Date() })
    .where(and(eq(CaptionFeed.sessionId, sessionId), isNull(CaptionFeed.revokedAt)))
    .returning({ id: CaptionFeed.id });
  return revoked.length;
}

/**
 * A new caption URL for the session. Any URL it had stops working at once (a session has one
 * external feed at a time), so "create" and "rotate" differ only in what the audit log says.
 */
export async function issueCaptionFeed(
  db: Database,
  actor: SessionActor,
  publicUrl: string | null,
  action: "create" | "rotate",
): Promise<CaptionFeedSecret> {
  const token = randomBytes(32).toString("base64url");
  const sessionId = actor.session.id;
  const feed = await withAudit(
    db,
    (created: { id: string; replaced: number }) => ({
      actorId: actor.personId,
      seriesId: actor.seriesId,
      action: `captions.feed.${action}`,
      target: `caption-feed:${created.id}`,
      details: { sessionId, replaced: created.replaced },
    }),
    async (tx) => {
      const replaced = await revokeActive(tx, sessionId);
      const [row] = await tx
        .insert(CaptionFeed)
        .values({ sessionId, tokenHash: hashFeedToken(token), createdBy: actor.participantId })
        .returning({ id: CaptionFeed.id });
      if (!row) throw new Error("caption feed not written");
      return { id: row.id, replaced };
    },
  );
  const path = `${CAPTION_FEED_PATH}${token}`;
  return { feedId: feed.id, token, path, url: publicUrl ? new URL(path, publicUrl).toString() : null };
}

export async function revokeCaptionFeed(db: Database, actor: SessionActor): Promise<{ revoked: boolean }> {
  const sessionId = actor.session.id;
  const audit = {
    actorId: actor.personId,
    seriesId: actor.seriesId,
    action: "captions.feed.revoke",
    details: { sessionId },
  };
  const count = await withAudit(db, audit, (tx) => revokeActive(tx, sessionId));
  if (count === 0) throw new DomainError("NOT_FOUND", "captionFeedNone");
  return { revoked: true };
}
