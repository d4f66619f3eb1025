import { appRouter } from "@reeks/api";
import { DEMO_SERIES_SLUG, eq, Series } from "@reeks/db";
import { createParticipant } from "@reeks/db/testing";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { z } from "zod";
import type { RunningReeks } from "./index";
import { signInCookie, startTestServer } from "./testing";

/**
 * The whole router over real HTTP, as an attacker would call it: bad input of every shape on every
 * procedure, as anonymous, member, moderator and organiser. No answer may be a 5xx other than the
 * media server being away, and no error may carry SQL, its parameters, a stack or someone's ids.
 */

type Role = "anonymous" | "member" | "moderator" | "organiser";
type ProcedureType = "query" | "mutation" | "subscription";
interface ProcedureInfo {
  path: string;
  type: ProcedureType;
  input: z.ZodType | null;
}
interface Answer {
  status: number;
  text: string;
}
interface ErrorBody {
  error: { message: string; data: { code: string; fieldErrors: Record<string, string[]> | null } };
}

// They end the caller's own account or sessions, after which the run would go on anonymously.
const SELF_ENDING = new Set(["account.erase", "account.signOutEverywhere"]);

const procedures: ProcedureInfo[] = Object.entries(
  appRouter._def.procedures as unknown as Record<
    string,
    { _def: { type: ProcedureType; inputs: z.ZodType[] } }
  >,
).map(([path, p]) => ({ path, type: p._def.type, input: p._def.inputs[0] ?? null }));

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
const LEAKS = [
  /select\s/i,
  /insert\s/i,
  /update\s+"/i,
  /delete\s+from/i,
  /\$\d+\b/,
  /\bat\s+\S+\s+\(/,
  /\.(ts|js|mjs):\d+/,
];

/**
 * What an error answer must never contain; ids only if the caller sent them itself. The one exception
 * for ids is a conflict's `conflict` payload: by design it hands the loser of a concurrent edit the
 * state that won, which the same caller reads anyway (capture/conflict.ts); SQL and stack shapes are
 * looked for in it too.
 */
function leaksIn(answer: Answer, sent: string): string[] {
  if (answer.status < 400) return [];
  const found = LEAKS.filter((pattern) => pattern.test(answer.text)).map(String);
  const text = answer.status === 409 ? withoutConflictPayload(answer.text) : answer.text;
  for (const id of text.match(UUID) ?? []) if (!sent.includes(id)) found.push(`foreign id ${id}`);
  return found;
}

function withoutConflictPayload(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), (key, value) => (key === "conflict" ? undefined : value));
  } catch {
    return text;
  }
}

// Strings that have made servers fall over: NUL, halves of surrogate pairs, SQL and path shapes,
// numbers as text, sizes around and far beyond the limits.
const nastyString = fc.oneof(
  fc.constantFrom(
    "",
    " ",
    "\u0000",
    "a\u0000b",
    "\uD800",
    "x\uDFFFy",
    "'; drop table person; --",
    "../../etc/passwd",
    "%00",
    "9223372036854775808",
    "-1",
    "TR_\u0000",
    "NaN",
    "2026-02-30T25:61",
    "<script>alert(1)</script>",
  ),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.integer({ min: 1, max: 20_000 }).map((n) => "x".repeat(n)),
);
const nastyNumber = fc.constantFrom(-1, 0, 0.5, 2 ** 31, 2 ** 53, 2 ** 63, 1e308, -1e308);
const nasty: fc.Arbitrary<unknown> = fc.oneof(
  nastyString,
  nastyNumber,
  fc.constantFrom(null, true, [], {}, [null], { a: "\u0000" }),
  fc.jsonValue({ maxDepth: 3 }),
);

interface Known {
  ids: string[];
  emails: string[];
}

function plausibleString(schema: z.ZodType, known: Known): fc.Arbitrary<unknown> {
  const def = schema._zod.def as { checks?: Array<{ _zod: { def: { check: string; format?: string } } }> };
  const formats = (def.checks ?? []).map((check) => check._zod.def.format).filter(Boolean);
  if (formats.includes("uuid") || formats.includes("guid")) {
    return fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom(...known.ids) },
      { weight: 1, arbitrary: fc.uuid() },
    );
  }
  if (formats.includes("email")) return fc.oneof(fc.constantFrom(...known.emails), fc.emailAddress());
  return fc.oneof(
    { weight: 6, arbitrary: fc.string({ maxLength: 30 }) },
    {
      weight: 6,
      arbitrary: fc.constantFrom("2026-12-01", "10:00", "2026-12-01T10:00:00.000Z", "12345", "TR_abc123"),
    },
    // Dates a column or a Date cannot hold, or that do not exist.
    {
      weight: 2,
      arbitrary: fc.constantFrom(
        "2026-02-30",
        "0000-01-01",
        "9999-12-31T23:59:59.999Z",
        "+275760-09-13T00:00:00.000Z",
        "24:00",
      ),
    },
    // Valid in every other way, so the bad character reaches as far as it can get.
    { weight: 1, arbitrary: fc.constantFrom("tekst\u0000", "tekst\uD800") },
  );
}

/** Values for a zod schema: mostly plausible (so calls get past validation), now and then nasty. */
function arbitraryFor(schema: z.ZodType, known: Known, depth = 0): fc.Arbitrary<unknown> {
  const def = schema._zod.def as unknown as Record<string, unknown> & { type: string };
  const inner = (key: string) => arbitraryFor(def[key] as z.ZodType, known, depth + 1);
  let plausible: fc.Arbitrary<unknown>;
  switch (def.type) {
    case "string":
      plausible = plausibleString(schema, known);
      break;
    case "number":
      plausible = fc.integer({ min: -2, max: 200 });
      break;
    case "boolean":
      plausible = fc.boolean();
      break;
    case "enum":
      plausible = fc.constantFrom(...Object.values(def.entries as Record<string, unknown>));
      break;
    case "literal":
      plausible = fc.constantFrom(...(def.values as unknown[]));
      break;
    case "object": {
      const shape = def.shape as Record<string, z.ZodType>;
      const fields = Object.fromEntries(
        Object.entries(shape).map(([key, field]) => [key, arbitraryFor(field, known, depth + 1)]),
      );
      plausible = fc.oneof(
        { weight: 4, arbitrary: fc.record(fields) },
        { weight: 1, arbitrary: fc.record(fields, { requiredKeys: [] }) },
      );
      break;
    }
    case "array":
      plausible = fc.array(inner("element"), { maxLength: 4 });
      break;
    case "record":
      plausible = fc.dictionary(fc.string({ maxLength: 8 }), inner("valueType"), { maxKeys: 3 });
      break;
    case "optional":
    case "nullable":
    case "default":
    case "prefault":
    case "readonly":
    case "catch":
    case "nonoptional":
      plausible = fc.oneof(inner("innerType"), fc.constantFrom(undefined, null));
      break;
    case "pipe":
      plausible = inner("in");
      break;
    case "union":
      plausible = fc.oneof(
        ...(def.options as z.ZodType[]).map((option) => arbitraryFor(option, known, depth + 1)),
      );
      break;
    default:
      plausible = nasty;
  }
  // Deeper fields are nasty less often, so that whole nested inputs still get through now and then.
  return fc.oneof({ weight: depth === 0 ? 8 : 12, arbitrary: plausible }, { weight: 1, arbitrary: nasty });
}

describe("the API over HTTP", () => {
  let server: RunningReeks;
  const cookies: Partial<Record<Role, string>> = {};
  const known: Known = { ids: [], emails: [] };
  let seriesId = "";
  let sessionId = "";
  let memberParticipantId = "";

  async function call(role: Role, path: string, type: ProcedureType, input: unknown): Promise<Answer> {
    const headers: Record<string, string> = { origin: server.url, "x-reeks-locale": "nl" };
    const cookie = cookies[role];
    if (cookie) headers.cookie = cookie;
    const encoded = input === undefined ? "" : `?input=${encodeURIComponent(JSON.stringify(input))}`;
    const abort = new AbortController();
    const response =
      type === "mutation"
        ? await fetch(`${server.url}/api/trpc/${path}`, {
            method: "POST",
            headers: { ...headers, "content-type": "application/json" },
            body: input === undefined ? undefined : JSON.stringify(input),
          })
        : await fetch(`${server.url}/api/trpc/${path}${encoded}`, {
            headers: type === "subscription" ? { ...headers, accept: "text/event-stream" } : headers,
            signal: abort.signal,
          });
    // An accepted subscription streams for ever: its status is the answer.
    if (type === "subscription" && response.ok) {
      abort.abort();
      return { status: response.status, text: "" };
    }
    return { status: response.status, text: await response.text() };
  }

  beforeAll(async () => {
    server = await startTestServer();
    const db = server.database.db;
    const series = await db.query.Series.findFirst({
      where: eq(Series.slug, DEMO_SERIES_SLUG),
      with: { sessions: true },
    });
    seriesId = series?.id ?? "";
    sessionId = series?.sessions[0]?.id ?? "";
    for (const role of ["member", "moderator", "organiser"] as const) {
      const email = `${role}@safety.test`;
      const { participant } = await createParticipant(db, { email, seriesSlug: DEMO_SERIES_SLUG, role });
      if (role === "member") memberParticipantId = participant.id;
      known.ids.push(participant.id, participant.personId);
      known.emails.push(email);
      cookies[role] = await signInCookie(server, email);
    }
    known.ids.push(seriesId, sessionId);
    const started = await call("moderator", "room.start", "mutation", { sessionId });
    expect(started.status).toBe(200);
  });
  afterAll(() => server?.stop());

  function fieldErrorsOf(answer: Answer) {
    return (JSON.parse(answer.text) as ErrorBody).error.data.fieldErrors ?? {};
  }

  it.each([
    ["room.sendChat", "member", () => ({ sessionId, body: "hallo\u0000" }), "body"],
    ["capture.question.ask", "member", () => ({ sessionId, text: "vraag\uD800", anonymous: false }), "text"],
    ["account.revokeSession", "member", () => ({ authSessionId: "x\u0000" }), "authSessionId"],
    [
      "review.invite",
      "organiser",
      () => ({
        seriesId,
        name: "Ina Uitnodiging",
        email: "ina@safety.test",
        organisation: "Gemeente",
        jobTitle: "secretaris\u0000",
        role: "member",
        locale: "nl",
      }),
      "jobTitle",
    ],
    [
      "scheduling.addSlots",
      "organiser",
      () => ({ seriesId, sessionId, slots: [{ date: "2026-12-01", start: "10:00\u0000", end: "11:00" }] }),
      "slots.0.start",
    ],
  ] as const)(
    "%s refuses a NUL or half a surrogate pair with a Dutch field error",
    async (path, role, input, field) => {
      const sent = input();
      const answer = await call(role, path, "mutation", sent);
      expect(answer.status, answer.text).toBe(400);
      expect(fieldErrorsOf(answer)[field]?.[0]).toMatch(/niet zijn toegestaan/);
      expect(leaksIn(answer, JSON.stringify(sent))).toEqual([]);
    },
  );

  it("refuses a notes update id beyond PostgreSQL's bigint as bad input", async () => {
    const sent = { sessionId, updateId: "9223372036854775808" };
    const answer = await call("member", "capture.notes.textAt", "query", sent);
    expect(answer.status, answer.text).toBe(400);
    expect(fieldErrorsOf(answer).updateId?.[0]).toMatch(/te groot/);
    expect(leaksIn(answer, JSON.stringify(sent))).toEqual([]);
  });

  it("answers muting someone who is not in the room with 404 at once, and odd track ids with 400", async () => {
    const started = Date.now();
    const absent = await call("moderator", "room.muteTrack", "mutation", {
      sessionId,
      participantId: memberParticipantId,
      trackSid: "TR_abc",
    });
    expect(absent.status, absent.text).toBe(404);
    expect(Date.now() - started).toBeLessThan(1000);
    expect((JSON.parse(absent.text) as ErrorBody).error.message).toBe(
      "Deze deelnemer is nu niet in de ruimte.",
    );
    for (const trackSid of ["../x", "TR_a b", "x".repeat(64), "TR_\u00e9"]) {
      const odd = await call("moderator", "room.muteTrack", "mutation", {
        sessionId,
        participantId: memberParticipantId,
        trackSid,
      });
      expect(odd.status, `${trackSid}: ${odd.text}`).toBe(400);
    }
  });

  it("answers no 5xx to any input on any procedure for any role, and leaks nothing", async () => {
    const targets = procedures.filter((p) => !SELF_ENDING.has(p.path));
    const role = fc.oneof(
      { weight: 1, arbitrary: fc.constant<Role>("anonymous") },
      { weight: 2, arbitrary: fc.constantFrom<Role>("member", "moderator") },
      { weight: 2, arbitrary: fc.constant<Role>("organiser") },
    );
    const failures: string[] = [];
    const statuses = new Map<number, number>();
    const inputFor = (p: ProcedureInfo) =>
      p.input
        ? fc.oneof({ weight: 9, arbitrary: arbitraryFor(p.input, known) }, { weight: 1, arbitrary: nasty })
        : fc.oneof(fc.constant(undefined), nasty);
    const cases = fc.constantFrom(...targets).chain((p) => fc.tuple(fc.constant(p), role, inputFor(p)));
    let calls = 0;
    const spent = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(cases, async ([p, role, input]) => {
        calls += 1;
        const started = Date.now();
        const answer = await call(role, p.path, p.type, input);
        spent.set(p.path, (spent.get(p.path) ?? 0) + Date.now() - started);
        statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
        const sent = JSON.stringify(input) ?? "";
        const problems = leaksIn(answer, sent);
        // 503 is the media server being away, said as such; any other 5xx is a bug.
        if (answer.status >= 500 && answer.status !== 503) problems.push(`status ${answer.status}`);
        if (problems.length > 0) {
          failures.push(
            `${p.path} as ${role} with ${sent.slice(0, 200)}: ${problems.join(", ")}: ${answer.text.slice(0, 300)}`,
          );
        }
      }),
      { numRuns: 100_000, interruptAfterTimeLimit: 20_000, markInterruptAsFailure: false },
    );
    const slowest = [...spent].sort((a, b) => b[1] - a[1]).slice(0, 5);
    console.info(
      `api fuzz: ${calls} calls, statuses ${JSON.stringify(Object.fromEntries(statuses))}, most time in ${JSON.stringify(slowest)}`,
    );
    expect(calls).toBeGreaterThan(300);
    expect(failures.slice(0, 20)).toEqual([]);
  }, 60_000);
});
