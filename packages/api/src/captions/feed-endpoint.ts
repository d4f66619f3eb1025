import {
  and,
  CaptionFeed,
  type Database,
  eq,
  isDatabaseUnavailable,
  Participant,
  Session,
  sql,
} from "@reeks/db";
import {
  CAPTION_DEFAULT_LANGUAGE,
  CAPTION_TEXT_MAX,
  captionLanguage,
  type Locale,
  normalizeCaptionText,
} from "@reeks/models";
import { z } from "zod";
import { localeFromHeaders } from "../context";
import { DomainError, reportInternalError } from "../domain-error";
import { type MessageKey, type MessageParams, serverMessage } from "../messages";
import { hitRateLimit, type RateLimitRule } from "../rate-limit";
import { CAPTION_TOKEN_PATTERN, hashFeedToken } from "./feeds";
import { feedAuthorKey, storeCaptionLine } from "./lines";

/**
 * Per feed, across instances. A captioning service sends a line every second or two; 10 lines a
 * second for minutes on end is already far beyond any human or speech engine, so twice that is the
 * ceiling.
 */
export const CAPTION_FEED_RATE: RateLimitRule = { windowSeconds: 10, max: 200 };
/** Room for one line of CAPTION_TEXT_MAX characters of four UTF-8 bytes, plus a JSON envelope. */
export const CAPTION_FEED_MAX_BYTES = 4096;

export interface CaptionFeedEndpointOptions {
  db: Database;
  rateLimit?: RateLimitRule;
}

class FeedError extends Error {
  constructor(
    readonly status: 401 | 403 | 409 | 413 | 415 | 422 | 429 | 503,
    readonly key: MessageKey,
    readonly params: MessageParams = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(key);
  }
}

const CODES: Record<FeedError["status"], string> = {
  401: "UNAUTHORIZED",
  403: "FORBIDDEN",
  409: "CONFLICT",
  413: "PAYLOAD_TOO_LARGE",
  415: "UNSUPPORTED_MEDIA_TYPE",
  422: "UNPROCESSABLE_CONTENT",
  429: "TOO_MANY_REQUESTS",
  503: "SERVICE_UNAVAILABLE",
};

const DOMAIN_STATUS: Partial<Record<DomainError["code"], FeedError["status"]>> = {
  FORBIDDEN: 403,
  NOT_FOUND: 422,
  CONFLICT: 409,
  BAD_REQUEST: 422,
};

const jsonBody = z.object({
  seq: z.unknown().optional(),
  text: z.string(),
  lang: z.string().optional(),
  speaker: z.uuid().nullish(),
});

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json; charset=utf-8", "cache-control": "no-store", ...headers },
  });
}

/** The token from the URL, or else `Authorization: Bearer …` (which keeps it out of access logs). */
function tokenOf(request: Request, fromPath: string | null): string | null {
  if (fromPath) return fromPath;
  const header = request.headers.get("authorization");
  const match = header ? /^Bearer\s+(\S+)$/i.exec(header.trim()) : null;
  return match?.[1] ?? null;
}

async function findFeed(db: Database, token: string) {
  if (!CAPTION_TOKEN_PATTERN.test(token)) throw new FeedError(401, "captionFeedUnknownToken");
  const [row] = await db
    .select({ feed: CaptionFeed, seriesId: Session.seriesId, status: Session.status })
    .from(CaptionFeed)
    .innerJoin(Session, eq(Session.id, CaptionFeed.sessionId))
    .where(eq(CaptionFeed.tokenHash, hashFeedToken(token)));
  if (!row) throw new FeedError(401, "captionFeedUnknownToken");
  if (row.feed.revokedAt) throw new FeedError(403, "captionFeedRevoked");
  if (row.status !== "live") throw new FeedError(403, "captionsNotLive");
  return row;
}

/** Reads at most `limit` bytes: a body without Content-Length (chunked) cannot grow past it either. */
async function readLimited(request: Request, limit: number): Promise<Uint8Array> {
  const declared = Number(request.headers.get("content-length") ?? Number.NaN);
  if (declared > limit) throw new FeedError(413, "captionFeedTooLarge", { max: CAPTION_TEXT_MAX });
  if (!request.body) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = request.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw new FeedError(413, "captionFeedTooLarge", { max: CAPTION_TEXT_MAX });
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

function decode(bytes: Uint8Array): string {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new FeedError(422, "captionFeedBadBody");
  }
  // PostgreSQL cannot store a NUL in text.
  if (text.includes("\u0000")) throw new FeedError(422, "captionFeedBadBody");
  return text;
}

interface FeedLine {
  seq: number;
  text: string;
  language: string;
  speaker: string | null;
}

function parseSeq(raw: unknown): number {
  const value = typeof raw === "string" && /^\d{1,16}$/.test(raw.trim()) ? Number(raw.trim()) : raw;
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 0) {
    throw new FeedError(422, "captionFeedBadSeq");
  }
  return value;
}

function parseLanguage(raw: string | null | undefined): string {
  if (raw === null || raw === undefined || raw === "") return CAPTION_DEFAULT_LANGUAGE;
  const parsed = captionLanguage.safeParse(raw);
  if (!parsed.success) throw new FeedError(422, "captionLanguage");
  return parsed.data;
}

/** Zoom's CART API shape (text/plain, `seq` and `lang` in the query), or the same as JSON. */
async function parseLine(request: Request, url: URL): Promise<FeedLine> {
  const type = (request.headers.get("content-type") ?? "").split(";")[0]?.trim().toLowerCase();
  if (type !== "text/plain" && type !== "application/json") throw new FeedError(415, "captionFeedMediaType");
  const body = decode(await readLimited(request, CAPTION_FEED_MAX_BYTES));
  let line: { seq: unknown; text: string; lang: string | null | undefined; speaker: string | null };
  if (type === "application/json") {
    let raw: unknown;
    try {
      raw = JSON.parse(body);
    } catch {
      throw new FeedError(422, "captionFeedBadBody");
    }
    const parsed = jsonBody.safeParse(raw);
    if (!parsed.success) throw new FeedError(422, "captionFeedBadBody");
    line = {
      seq: parsed.data.seq ?? url.searchParams.get("seq"),
      text: parsed.data.text,
      lang: parsed.data.lang ?? url.searchParams.get("lang"),
      speaker: parsed.data.speaker ?? null,
    };
  } else {
    line = {
      seq: url.searchParams.get("seq"),
      text: body,
      lang: url.searchParams.get("lang"),
      speaker: null,
    };
  }
  const seq = parseSeq(line.seq);
  const language = parseLanguage(line.lang);
  const text = normalizeCaptionText(line.text);
  if (text.length === 0) throw new FeedError(422, "captionFeedEmpty");
  if (text.length > CAPTION_TEXT_MAX)
    throw new FeedError(413, "captionFeedTooLarge", { max: CAPTION_TEXT_MAX });
  return { seq, text, language, speaker: line.speaker };
}

async function assertSpeakerIn(db: Database, participantId: string, seriesId: string) {
  const row = await db.query.Participant.findFirst({
    columns: { status: true },
    where: and(eq(Participant.id, participantId), eq(Participant.seriesId, seriesId)),
  });
  if (row?.status !== "approved") throw new FeedError(422, "captionSpeakerNotFound");
}

/**
 * POST of one caption line by an external captioning service. Answered only once the line is stored
 * (and published); a repeat of a sequence number already stored is acknowledged as a duplicate
 * without storing it again, so a service may safely retry whatever it is unsure of.
 */
export async function handleCaptionFeedPost(
  request: Request,
  tokenInPath: string | null,
  options: CaptionFeedEndpointOptions,
): Promise<Response> {
  const locale: Locale = localeFromHeaders(request.headers);
  const { db } = options;
  try {
    const token = tokenOf(request, tokenInPath);
    if (!token) throw new FeedError(401, "captionFeedMissingToken");
    const { feed, seriesId } = await findFeed(db, token);
    const limit = await hitRateLimit(db, `caption-feed:${feed.id}`, options.rateLimit ?? CAPTION_FEED_RATE);
    if (!limit.allowed) {
      throw new FeedError(
        429,
        "captionFeedRateLimited",
        { seconds: limit.retryAfterSeconds },
        { "retry-after": String(limit.retryAfterSeconds) },
      );
    }
    const line = await parseLine(request, new URL(request.url));
    if (line.speaker) await assertSpeakerIn(db, line.speaker, seriesId);
    const stored = await storeCaptionLine(
      db,
      {
        sessionId: feed.sessionId,
        seriesId,
        source: "api",
        text: line.text,
        language: line.language,
        speakerParticipantId: line.speaker,
        authorParticipantId: null,
        feedId: feed.id,
        feedSeq: line.seq,
        authorKey: feedAuthorKey(feed.id),
      },
      (existing) => existing.text === line.text,
    );
    await db
      .update(CaptionFeed)
      .set({ lastSeq: sql`greatest(coalesce(${CaptionFeed.lastSeq}, 0), ${line.seq})` })
      .where(eq(CaptionFeed.id, feed.id));
    return json(200, {
      ok: true,
      seq: line.seq,
      duplicate: !stored.created,
      line: { id: stored.line.id, order: stored.line.seq, spokenAt: stored.line.spokenAt },
    });
  } catch (error) {
    if (error instanceof FeedError) {
      const message = serverMessage(error.key, locale, error.params);
      return json(error.status, { error: { code: CODES[error.status], message } }, error.headers);
    }
    if (error instanceof DomainError && DOMAIN_STATUS[error.code]) {
      const status = DOMAIN_STATUS[error.code] ?? 422;
      return json(status, { error: { code: CODES[status], message: error.localized(locale) } });
    }
    if (isDatabaseUnavailable(error)) {
      return json(
        503,
        {
          error: { code: CODES[503], message: serverMessage("databaseUnavailable", locale) },
        },
        { "retry-after": "5" },
      );
    }
    const id = reportInternalError(error, "captions.feed");
    return json(500, {
      error: { code: "INTERNAL_SERVER_ERROR", message: serverMessage("internalError", locale, { id }) },
    });
  }
}
