import { describe, expect, it } from "vitest";
import { z } from "zod";
import { DomainError, fieldError, messageOf, toTRPCError } from "./domain-error";
import { localizedFieldErrors } from "./errors";
import { serverMessage } from "./messages";

describe("localizedFieldErrors", () => {
  const schema = z.object({ name: z.string().max(5), email: z.email() });
  const error = schema.safeParse({ name: "abcdefgh", email: "nope" }).error;
  if (!error) throw new Error("expected a parse error");

  it("keys messages by field and speaks Dutch", () => {
    const nl = localizedFieldErrors(error, "nl");
    expect(Object.keys(nl).sort()).toEqual(["email", "name"]);
    expect(nl.name?.[0]).toMatch(/te (groot|lang)/i);
  });

  it("speaks English when asked", () => {
    const en = localizedFieldErrors(error, "en");
    expect(en.name?.[0]).toMatch(/too big|too long/i);
    expect(en.email?.[0]).toMatch(/invalid/i);
  });

  it("uses the server's catalogue for our own refinements", () => {
    const consent = z.boolean().refine((given) => given, { params: { i18n: "consentRequired" } });
    const refused = consent.safeParse(false).error;
    if (!refused) throw new Error("expected a parse error");
    expect(localizedFieldErrors(refused, "nl")[""]?.[0]).toMatch(/toestemming/);
    expect(localizedFieldErrors(refused, "en")[""]?.[0]).toMatch(/consent/);
  });
});

describe("domain errors", () => {
  it("become a field error in the person's language", () => {
    const error = toTRPCError(fieldError(["slots", 0, "start"], "timeNonexistentOrAmbiguous"), "nl");
    expect(error.code).toBe("BAD_REQUEST");
    const cause = error.cause as z.ZodError;
    expect(localizedFieldErrors(cause, "nl")["slots.0.start"]?.[0]).toMatch(/zomer- of wintertijd/);
    expect(localizedFieldErrors(cause, "en")["slots.0.start"]?.[0]).toMatch(/daylight-saving/);
  });

  it("keep their code and fill in their parameters", () => {
    const full = new DomainError("CONFLICT", "seriesFull", { params: { capacity: 12 } });
    const error = toTRPCError(full, "en");
    expect(error.code).toBe("CONFLICT");
    expect(error.message).toBe(messageOf(full, "en"));
    expect(error.message).toMatch(/full \(12 places\)/);
    expect(messageOf(full, "nl")).toMatch(/vol \(12 plaatsen\)/);
  });
});

describe("server messages with a count", () => {
  it("pick the plural form: one minute, five minutes", () => {
    expect(serverMessage("rateLimited", "nl", { minutes: 1 })).toContain("Wacht 1 minuut ");
    expect(serverMessage("rateLimited", "nl", { minutes: 5 })).toContain("Wacht 5 minuten ");
    expect(serverMessage("apiRateLimited", "en", { seconds: 1 })).toContain("wait 1 second ");
    expect(serverMessage("apiRateLimited", "en", { seconds: 30 })).toContain("wait 30 seconds ");
  });
});
