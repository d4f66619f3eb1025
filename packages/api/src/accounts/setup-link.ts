import { createHash, randomBytes, randomUUID } from "node:crypto";
import { and, type Database, eq, gt, isNull, Person, SetupToken, type Transaction } from "@reeks/db";
import type { Locale } from "@reeks/models";
import { recordAudit } from "../audit";
import { DomainError } from "../domain-error";
import { hasAdministrator, makeFirstAdministrator } from "./first-administrator";

/**
 * The one-time setup link: how the first administrator of a fresh installation comes to exist with
 * the app running. Start-up prints it on the console (never into a log), while nobody can administer
 * the workspace; the person who opens it signs in and claims it. Single use, valid 24 hours, and
 * only the SHA-256 of its token is stored, so a copy of the database does not hold a usable link.
 */
export const SETUP_LINK_TTL_MS = 24 * 60 * 60 * 1000;
export const SETUP_PATH = "/setup";

export function hashSetupToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/**
 * A fresh link while nobody can administer the workspace, else null. Each call replaces any earlier
 * unclaimed link, so only the one printed last works.
 */
export async function issueSetupLink(
  db: Database,
  now = new Date(),
): Promise<{ token: string; expiresAt: Date } | null> {
  return db.transaction(async (tx) => {
    await tx.delete(SetupToken).where(isNull(SetupToken.claimedAt));
    if (await hasAdministrator(tx)) return null;
    const token = randomBytes(32).toString("base64url");
    const expiresAt = new Date(now.getTime() + SETUP_LINK_TTL_MS);
    await tx.insert(SetupToken).values({ tokenHash: hashSetupToken(token), expiresAt });
    return { token, expiresAt };
  });
}

export type SetupLinkState = "valid" | "expired" | "used" | "unknown";

export async function setupLinkState(
  db: Database | Transaction,
  token: string,
  now = new Date(),
): Promise<SetupLinkState> {
  const row = await db.query.SetupToken.findFirst({ where: eq(SetupToken.tokenHash, hashSetupToken(token)) });
  if (!row) return "unknown";
  if (row.claimedAt || (await hasAdministrator(db))) return "used";
  return row.expiresAt.getTime() <= now.getTime() ? "expired" : "valid";
}

function refusal(state: Exclude<SetupLinkState, "valid">): DomainError {
  if (state === "expired") return new DomainError("PRECONDITION_FAILED", "setupLinkExpired");
  if (state === "used") return new DomainError("CONFLICT", "setupAlreadyDone");
  return new DomainError("NOT_FOUND", "setupLinkInvalid");
}

/**
 * The person who opened a valid link gives their address: they get an account (sign-up is otherwise
 * closed) so that a magic link can sign them in, back to the setup page.
 */
export async function beginSetup(
  db: Database,
  input: { token: string; email: string; name: string; locale: Locale },
  now = new Date(),
): Promise<void> {
  const state = await setupLinkState(db, input.token, now);
  if (state !== "valid") throw refusal(state);
  const email = input.email.trim().toLowerCase();
  await db
    .insert(Person)
    .values({ id: randomUUID(), email, name: input.name, locale: input.locale, emailVerified: false })
    .onConflictDoNothing({ target: Person.email });
}

/** The signed-in person claims the link and becomes the first administrator; the link is spent. */
export async function claimSetupLink(
  db: Database,
  token: string,
  personId: string,
  now = new Date(),
): Promise<void> {
  await db.transaction(async (tx) => {
    // One statement decides who wins when two people claim at once.
    const [claimed] = await tx
      .update(SetupToken)
      .set({ claimedAt: now, claimedBy: personId })
      .where(
        and(
          eq(SetupToken.tokenHash, hashSetupToken(token)),
          isNull(SetupToken.claimedAt),
          gt(SetupToken.expiresAt, now),
        ),
      )
      .returning({ id: SetupToken.id });
    if (!claimed || (await hasAdministrator(tx))) {
      const state = await setupLinkState(tx, token, now);
      throw refusal(state === "valid" ? "used" : state);
    }
    await makeFirstAdministrator(tx, personId);
    await recordAudit(tx, {
      actorId: personId,
      seriesId: null,
      action: "workspace.first_administrator",
      target: `person:${personId}`,
    });
  });
}
