import { type Database, RateLimitCounter, sql } from "@reeks/db";

export interface RateLimitRule {
  /** Length of the fixed window. */
  windowSeconds: number;
  /** Hits allowed per window; the next one is refused. */
  max: number;
}

export interface RateLimitResult {
  allowed: boolean;
  /** Seconds until the window resets (for Retry-After). */
  retryAfterSeconds: number;
}

/**
 * Counts one hit against `key` and says whether it is within `rule`. One atomic upsert, so concurrent
 * requests on several API instances count correctly; a window that has passed starts again at 1.
 */
export async function hitRateLimit(db: Database, key: string, rule: RateLimitRule): Promise<RateLimitResult> {
  const now = new Date();
  const windowStart = new Date(now.getTime() - rule.windowSeconds * 1000);
  const stale = sql`${RateLimitCounter.windowStartedAt} <= ${windowStart.toISOString()}::timestamptz`;
  const [row] = await db
    .insert(RateLimitCounter)
    .values({ key, windowStartedAt: now, hits: 1 })
    .onConflictDoUpdate({
      target: RateLimitCounter.key,
      set: {
        hits: sql`case when ${stale} then 1 else ${RateLimitCounter.hits} + 1 end`,
        windowStartedAt: sql`case when ${stale} then ${now.toISOString()}::timestamptz else ${RateLimitCounter.windowStartedAt} end`,
      },
    })
    .returning({ hits: RateLimitCounter.hits, windowStartedAt: RateLimitCounter.windowStartedAt });
  const hits = row?.hits ?? 1;
  const startedAt = row?.windowStartedAt ?? now;
  const retryAfterSeconds = Math.max(
    1,
    Math.ceil((startedAt.getTime() + rule.windowSeconds * 1000 - now.getTime()) / 1000),
  );
  return { allowed: hits <= rule.max, retryAfterSeconds };
}

/** Removes counters whose window ended long ago; run by the maintenance job. */
export async function pruneRateLimits(db: Database, olderThanSeconds = 24 * 60 * 60): Promise<void> {
  const cutoff = new Date(Date.now() - olderThanSeconds * 1000);
  await db
    .delete(RateLimitCounter)
    .where(sql`${RateLimitCounter.windowStartedAt} < ${cutoff.toISOString()}::timestamptz`);
}

/**
 * The limits. Per address, so nobody can flood one mailbox (the main protection); per client address,
 * so one machine cannot cycle through many addresses. The per-client ones are high because a whole
 * town hall may share one public address when its staff register for a series on the same morning.
 */
export const RATE_LIMITS = {
  signInPerEmail: { windowSeconds: 15 * 60, max: 5 },
  signInPerClient: { windowSeconds: 15 * 60, max: 100 },
  registrationPerEmail: { windowSeconds: 60 * 60, max: 5 },
  registrationPerClient: { windowSeconds: 60 * 60, max: 100 },
  /** The public certificate check: enough for a person, too few to try codes in bulk. */
  certificateVerifyPerClient: { windowSeconds: 60, max: 30 },
} as const satisfies Record<string, RateLimitRule>;
