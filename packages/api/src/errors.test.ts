import { describe, expect, it } from "vitest";
import { z } from "zod";
import { localizedFieldErrors } from "./errors";

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
});

describe("badRequestField", () => {
  it("carries its own message in both languages", async () => {
    const { badRequestField } = await import("./errors");
    const error = badRequestField(["slots", 0, "start"], { nl: "bestaat niet", en: "does not exist" });
    expect(error.code).toBe("BAD_REQUEST");
    const cause = error.cause as z.ZodError;
    expect(localizedFieldErrors(cause, "nl")).toEqual({ "slots.0.start": ["bestaat niet"] });
    expect(localizedFieldErrors(cause, "en")).toEqual({ "slots.0.start": ["does not exist"] });
  });
});
