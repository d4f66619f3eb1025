import type { DatabaseHandle } from "@reeks/db";
import { createTestDatabase } from "@reeks/db/testing";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createContext } from "./context";
import { DomainError } from "./domain-error";
import { createTRPCRouter, publicProcedure } from "./trpc";

// What a failed query looks like when it reaches the router unhandled (drizzle's wording).
const SQL_FAILURE =
  'Failed query: insert into "chat_message" ("session_id", "body") values ($1, $2)\n' +
  "params: 0b9e0a43-5bd3-4f1e-9d3e-0f3a5a1f6c2e,a\u0000";

const router = createTRPCRouter({
  crash: publicProcedure.query(() => {
    throw new Error(SQL_FAILURE, { cause: new Error("invalid byte sequence for encoding UTF8: 0x00") });
  }),
  mediaAway: publicProcedure.mutation(() => {
    throw new DomainError("SERVICE_UNAVAILABLE", "mediaUnavailable");
  }),
});

describe("the error formatter", () => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await createTestDatabase();
  });
  afterAll(() => handle.close());

  async function request(path: string, init: RequestInit = {}, locale = "en") {
    const req = new Request(`http://127.0.0.1/api/trpc/${path}`, {
      ...init,
      headers: { "x-reeks-locale": locale, ...init.headers },
    });
    const response = await fetchRequestHandler({
      endpoint: "/api/trpc",
      req,
      router,
      createContext: () =>
        createContext({
          database: handle,
          livekit: { connection: { url: "ws://127.0.0.1:1", apiKey: "k", apiSecret: "s" }, publicUrl: "" },
          headers: req.headers,
          actor: null,
        }),
    });
    return { status: response.status, text: await response.text() };
  }

  it("answers an unexpected failure with an id and a translated text, and logs the failure under that id", async () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      const answer = await request("crash", {}, "nl");
      expect(answer.status).toBe(500);
      const body = JSON.parse(answer.text) as { error: { message: string; data: { errorId: string } } };
      const id = body.error.data.errorId;
      expect(id).toMatch(/^[0-9a-f]{8}$/);
      expect(body.error.message).toBe(`Er ging iets mis aan onze kant. Noem code ${id} als je het meldt.`);
      for (const internal of ["insert", "$1", "params", "0b9e0a43", "UTF8", "chat_message", " at "]) {
        expect(answer.text).not.toContain(internal);
      }
      const lines = logged.mock.calls.map((args) => args.map(String).join(" "));
      expect(lines.some((line) => line.includes(id) && line.includes("insert into"))).toBe(true);
    } finally {
      logged.mockRestore();
    }
  });

  it("answers a domain error with its own code and message in the caller's language", async () => {
    const answer = await request(
      "mediaAway",
      { method: "POST", headers: { "content-type": "application/json" }, body: "null" },
      "en",
    );
    expect(answer.status, answer.text).toBe(503);
    const body = JSON.parse(answer.text) as { error: { message: string; data: { code: string } } };
    expect(body.error.data.code).toBe("SERVICE_UNAVAILABLE");
    expect(body.error.message).toBe(
      "The media server is not responding right now. Please try again shortly.",
    );
  });
});
