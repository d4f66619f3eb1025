import {
  and,
  asc,
  Certificate,
  type CertificateRevocation,
  type Database,
  desc,
  eq,
  inArray,
  isNull,
  Participant,
  Series,
  Session,
  type Transaction,
} from "@reeks/db";
import type { LocalizedText } from "@reeks/models";
import { roleAtLeast } from "../access";
import type { Actor } from "../actor";
import { withAudit } from "../audit";
import { DomainError } from "../domain-error";
import { hashVerificationCode, VERIFICATION_CODE_PATTERN } from "./code";

type Queryable = Pick<Database, "select" | "update">;

/** Every certificate of a series, without the PDFs. */
export async function certificateRows(db: Pick<Database, "select">, seriesId: string) {
  return db
    .select({
      id: Certificate.id,
      participantId: Certificate.participantId,
      sessionId: Certificate.sessionId,
      printedName: Certificate.printedName,
      language: Certificate.language,
      thresholdPercent: Certificate.thresholdPercent,
      sessions: Certificate.sessions,
      issuedAt: Certificate.issuedAt,
      revokedAt: Certificate.revokedAt,
      revokedBy: Certificate.revokedBy,
      revokedReason: Certificate.revokedReason,
    })
    .from(Certificate)
    .where(eq(Certificate.seriesId, seriesId))
    .orderBy(asc(Certificate.printedName), desc(Certificate.issuedAt));
}

/** The organiser's list. */
export async function listCertificates(db: Database, actor: Pick<Actor, "seriesId">) {
  const rows = await certificateRows(db, actor.seriesId);
  return rows.map(({ sessions, ...c }) => ({
    ...c,
    attendedMinutes: sessions.reduce((sum, s) => sum + s.attendedMinutes, 0),
  }));
}

/** A person's own certificates, in every series, newest first. */
export async function myCertificates(db: Database, personId: string) {
  const rows = await db
    .select({
      id: Certificate.id,
      seriesTitle: Series.title,
      sessionPosition: Session.position,
      language: Certificate.language,
      issuedAt: Certificate.issuedAt,
      revokedAt: Certificate.revokedAt,
    })
    .from(Certificate)
    .innerJoin(Participant, eq(Participant.id, Certificate.participantId))
    .innerJoin(Series, eq(Series.id, Certificate.seriesId))
    .leftJoin(Session, eq(Session.id, Certificate.sessionId))
    .where(eq(Participant.personId, personId))
    .orderBy(desc(Certificate.issuedAt));
  return rows.map(({ sessionPosition, ...c }) => ({
    ...c,
    session: sessionPosition === null ? null : { position: sessionPosition },
  }));
}

/** An organiser ends a certificate's validity; the public page then says it is revoked. */
export async function revokeCertificate(
  db: Database,
  input: { certificateId: string; reason?: string | undefined },
  actor: Actor,
) {
  const audit = {
    actorId: actor.personId,
    seriesId: actor.seriesId,
    action: "certificate.revoke",
    target: `certificate:${input.certificateId}`,
  };
  return withAudit(db, audit, async (tx) => {
    const found = await tx.query.Certificate.findFirst({
      columns: { id: true, revokedAt: true },
      where: and(eq(Certificate.id, input.certificateId), eq(Certificate.seriesId, actor.seriesId)),
    });
    if (!found) throw new DomainError("NOT_FOUND", "certificateNotFound", { field: ["certificateId"] });
    if (found.revokedAt) return { revokedAt: found.revokedAt };
    const now = new Date();
    await tx
      .update(Certificate)
      .set({ revokedAt: now, revokedBy: "organiser", revokedReason: input.reason?.trim() || null })
      .where(eq(Certificate.id, found.id));
    return { revokedAt: now };
  });
}

/**
 * The PDF: for its holder, or for an organiser of its series. Anyone else hears "not found", so
 * that ids of others' certificates cannot be probed.
 */
export async function downloadCertificate(db: Database, certificateId: string, personId: string) {
  const [row] = await db
    .select({
      pdf: Certificate.pdf,
      seriesId: Certificate.seriesId,
      revokedAt: Certificate.revokedAt,
      holder: Participant.personId,
      slug: Series.slug,
    })
    .from(Certificate)
    .innerJoin(Participant, eq(Participant.id, Certificate.participantId))
    .innerJoin(Series, eq(Series.id, Certificate.seriesId))
    .where(eq(Certificate.id, certificateId));
  if (!row) throw new DomainError("NOT_FOUND", "certificateNotFound");
  if (row.holder !== personId) {
    const organiser = await db.query.Participant.findFirst({
      columns: { role: true },
      where: and(
        eq(Participant.seriesId, row.seriesId),
        eq(Participant.personId, personId),
        eq(Participant.status, "approved"),
      ),
    });
    if (!organiser || !roleAtLeast(organiser.role, "organiser"))
      throw new DomainError("NOT_FOUND", "certificateNotFound");
  }
  if (!row.pdf) throw new DomainError("NOT_FOUND", "certificateNotFound");
  if (row.revokedAt && row.holder === personId)
    throw new DomainError("PRECONDITION_FAILED", "certificateRevoked");
  return {
    fileName: `${row.slug}-certificaat.pdf`,
    mimeType: "application/pdf",
    base64: Buffer.from(row.pdf).toString("base64"),
  };
}

export type Verification =
  | { status: "valid" | "revoked"; name: string; series: LocalizedText }
  | { status: "unknown" };

/**
 * The public check: valid or revoked, with the name and series, and nothing else. A code of the
 * wrong shape is answered after the same single lookup as a real one (of a hash nobody holds), so
 * the answer's timing does not tell a near miss from nonsense.
 */
export async function verifyCertificate(db: Database, code: string): Promise<Verification> {
  const hash = hashVerificationCode(VERIFICATION_CODE_PATTERN.test(code) ? code : `invalid:${code}`);
  const [row] = await db
    .select({ name: Certificate.printedName, revokedAt: Certificate.revokedAt, series: Series.title })
    .from(Certificate)
    .innerJoin(Series, eq(Series.id, Certificate.seriesId))
    .where(eq(Certificate.codeHash, hash));
  if (!row) return { status: "unknown" };
  return { status: row.revokedAt ? "revoked" : "valid", name: row.name, series: row.series };
}

/**
 * On erasure (and the retention purge): every certificate of these participants is revoked and
 * loses the name and the PDF that carries it, so the verification page says "revoked" and no more.
 */
export async function revokeCertificatesOf(
  tx: Queryable | Transaction,
  participantIds: string[],
  cause: Exclude<CertificateRevocation, "organiser">,
  now: Date = new Date(),
) {
  if (participantIds.length === 0) return;
  await tx
    .update(Certificate)
    .set({ revokedAt: now, revokedBy: cause })
    .where(and(inArray(Certificate.participantId, participantIds), isNull(Certificate.revokedAt)));
  await tx
    .update(Certificate)
    .set({ printedName: "", pdf: null })
    .where(inArray(Certificate.participantId, participantIds));
}
