import { Certificate, type Database, eq, Series } from "@reeks/db";
import { renderCertificatePdf } from "@reeks/exports";
import { enqueueJobs, mailJob } from "@reeks/jobs";
import { type Locale, localeSchema, pickLocale, seriesMailBrand } from "@reeks/models";
import type { Actor } from "../actor";
import { recordAudit } from "../audit";
import { logoVersionOf } from "../authoring/logo";
import { DomainError } from "../domain-error";
import { hashVerificationCode, newVerificationCode, verificationPath } from "./code";
import { computeEligibility } from "./eligibility";
import { certificateMail } from "./mail";
import { certificateRows } from "./records";

export interface CertificateScopeInput {
  seriesId: string;
  /** Absent: the whole series. */
  sessionId?: string | undefined;
  thresholdPercent: number;
}

/** Who would get a certificate under this rule, with their minutes per session (the organiser's preview). */
export async function previewCertificates(db: Database, input: CertificateScopeInput, actor: Actor) {
  const eligibility = await computeEligibility(db, {
    seriesId: actor.seriesId,
    sessionId: input.sessionId ?? null,
    thresholdPercent: input.thresholdPercent,
  });
  const existing = await certificateRows(db, actor.seriesId);
  const scopeKey = input.sessionId ?? null;
  return {
    sessions: eligibility.sessions,
    people: eligibility.people.map((p) => ({
      participantId: p.participantId,
      name: p.name,
      eligible: p.eligible,
      sessions: p.sessions,
      issued: existing.some(
        (c) => c.participantId === p.participantId && c.sessionId === scopeKey && c.revokedAt === null,
      ),
    })),
  };
}

/**
 * Issues a certificate to everyone who meets the rule and has no valid one for this scope yet, and
 * queues a mail to each. Issuing again changes nothing for those who have one (a partial unique index
 * holds that also when two organisers press at once). The PDFs are made before the rows are written,
 * outside any transaction: rendering takes time and needs nothing locked.
 */
export async function issueCertificates(
  db: Database,
  input: CertificateScopeInput & { language?: Locale | undefined },
  actor: Actor,
  options: { publicUrl: string; now?: Date },
) {
  const now = options.now ?? new Date();
  const series = await db.query.Series.findFirst({ where: eq(Series.id, actor.seriesId) });
  if (!series) throw new DomainError("NOT_FOUND", "seriesNotFound");
  const sessionId = input.sessionId ?? null;
  const eligibility = await computeEligibility(
    db,
    { seriesId: actor.seriesId, sessionId, thresholdPercent: input.thresholdPercent },
    now,
  );
  const existing = await certificateRows(db, actor.seriesId);
  const holds = new Set(
    existing.filter((c) => c.sessionId === sessionId && c.revokedAt === null).map((c) => c.participantId),
  );
  const eligible = eligibility.people.filter((p) => p.eligible);
  const due = eligible.filter((p) => !holds.has(p.participantId));
  const hasLogo = (await logoVersionOf(db, actor.seriesId)) !== null;
  const issued: string[] = [];
  for (const person of due) {
    const language = input.language ?? localeSchema.catch("nl").parse(person.locale);
    const code = newVerificationCode();
    const lines = eligibility.sessions.map((s) => ({
      sessionId: s.id,
      position: s.position,
      title: s.title,
      startsAt: s.startsAt ? s.startsAt.toISOString() : null,
      plannedMinutes: s.plannedMinutes,
      attendedMinutes: person.sessions.find((l) => l.sessionId === s.id)?.attendedMinutes ?? 0,
    }));
    const only = sessionId ? eligibility.sessions[0] : undefined;
    const pdf = await renderCertificatePdf({
      language,
      name: person.name,
      seriesTitle: pickLocale(series.title, language),
      organiser: series.organiser,
      sessionTitle: only
        ? `${language === "nl" ? "Sessie" : "Session"} ${only.position}: ${pickLocale(only.title, language)}`
        : null,
      sessions: lines.map((l) => ({
        position: l.position,
        title: pickLocale(l.title, language),
        startsAt: l.startsAt ? new Date(l.startsAt) : null,
        plannedMinutes: l.plannedMinutes,
        attendedMinutes: l.attendedMinutes,
      })),
      thresholdPercent: input.thresholdPercent,
      issuedAt: now,
      verificationUrl: `${options.publicUrl}${verificationPath(code)}`,
      timeZone: series.timeZone,
    });
    const inserted = await db.transaction(async (tx) => {
      const [row] = await tx
        .insert(Certificate)
        .values({
          seriesId: actor.seriesId,
          participantId: person.participantId,
          sessionId,
          language,
          thresholdPercent: input.thresholdPercent,
          codeHash: hashVerificationCode(code),
          printedName: person.name,
          sessions: lines,
          pdf,
          issuedAt: now,
          issuedBy: actor.participantId,
        })
        .onConflictDoNothing()
        .returning({ id: Certificate.id });
      if (!row) return null;
      const mail = certificateMail({
        to: person.email,
        name: person.name,
        locale: language,
        seriesTitle: pickLocale(series.title, language),
        myDataUrl: `${options.publicUrl}/mijn-gegevens`,
        brand: seriesMailBrand(series, { hasLogo, publicUrl: options.publicUrl, locale: language }),
      });
      await enqueueJobs(tx, [mailJob(`mail:certificate:${row.id}`, mail)]);
      return row.id;
    });
    if (inserted) issued.push(inserted);
  }
  await recordAudit(db, {
    actorId: actor.personId,
    seriesId: actor.seriesId,
    action: "certificate.issue",
    target: sessionId ? `session:${sessionId}` : `series:${actor.seriesId}`,
    details: { thresholdPercent: input.thresholdPercent, issued: issued.length },
  });
  return {
    issued: issued.length,
    alreadyHeld: eligible.length - due.length + (due.length - issued.length),
    notEligible: eligibility.people.length - eligible.length,
  };
}
