import { AuditEntry, DEMO_SERIES_SLUG, eq, Person, sql } from "@reeks/db";
import { describe, expect, it } from "vitest";
import { useAccountsWorld } from "./accounts-world";
import { bootstrapOrganiser } from "./bootstrap";
import { eraseMyAccount } from "./my-data";
import { registerInterest } from "./registration";

describe("an account from the command line and its erasure", () => {
  const { w, form, ctx, participantOf } = useAccountsWorld();

  it("bootstraps an organiser from the command line, idempotently and audited", async () => {
    const input = {
      seriesSlug: DEMO_SERIES_SLUG,
      email: "Eerste@VGS.test",
      name: "Eerste Organisator",
      organisation: "VGS",
      locale: "nl" as const,
    };
    const first = await bootstrapOrganiser(w.handle.db, input);
    const again = await bootstrapOrganiser(w.handle.db, input);
    expect(again.personId).toBe(first.personId);
    const { participant } = await participantOf("eerste@vgs.test");
    expect(participant).toMatchObject({ role: "organiser", status: "approved" });
    const audit = await w.handle.db
      .select()
      .from(AuditEntry)
      .where(eq(AuditEntry.target, `participant:${participant.id}`));
    expect(audit.map((a) => a.action)).toEqual([
      "participant.bootstrap_organiser",
      "participant.bootstrap_organiser",
    ]);
  });

  it("erases an account so that no personal field is left anywhere in the database", async () => {
    await registerInterest(
      w.handle.db,
      form("erik@zuidhorn.test", {
        name: "Erik Uniekenaam",
        organisation: "Gemeente Uniekdorp",
        jobTitle: "Uniekfunctie",
        motivation: "Uniekmotivatie",
      }),
      ctx(),
    );
    const { person } = await participantOf("erik@zuidhorn.test");
    await eraseMyAccount(w.handle.db, person.id);
    const tables = [
      "person",
      "participant",
      "auth_session",
      "auth_account",
      "auth_verification",
      "audit_entry",
      "rate_limit_counter",
    ];
    for (const table of tables) {
      const result = await w.handle.db.execute(sql`select * from ${sql.identifier(table)}`);
      const dump = JSON.stringify((result as unknown as { rows: unknown[] }).rows);
      for (const value of [
        "erik@zuidhorn.test",
        "Erik Uniekenaam",
        "Gemeente Uniekdorp",
        "Uniekfunctie",
        "Uniekmotivatie",
      ]) {
        expect(dump, `${value} in ${table}`).not.toContain(value);
      }
    }
    const after = await w.handle.db.query.Person.findFirst({ where: eq(Person.id, person.id) });
    expect(after?.erasedAt).toBeInstanceOf(Date);
  });
});
