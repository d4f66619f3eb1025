import type { LocalizedText } from "@reeks/models";
import { relations, sql } from "drizzle-orm";
import {
  customType,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { Participant } from "./people";
import { Series, Session } from "./series";

const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => "bytea",
});

/** Who ended a certificate's validity: an organiser, the person's erasure, or the series' retention purge. */
export const CERTIFICATE_REVOCATIONS = ["organiser", "erasure", "retention"] as const;
export type CertificateRevocation = (typeof CERTIFICATE_REVOCATIONS)[number];
export const certificateRevocation = pgEnum("certificate_revocation", CERTIFICATE_REVOCATIONS);

/** One session as it stood on the certificate when it was issued. */
export interface CertificateSessionLine {
  sessionId: string;
  position: number;
  title: LocalizedText;
  startsAt: string | null;
  plannedMinutes: number;
  attendedMinutes: number;
}

/**
 * A certificate of attendance as issued: a document, so it holds what it said then (name, sessions,
 * minutes, rule, and the PDF itself) rather than what the series says now. The verification code is
 * stored only as its SHA-256: the public page hashes what it is given and looks that up, so a copy of
 * the database does not hand out working verification links; the code itself lives only in the PDF.
 */
export const Certificate = pgTable(
  "certificate",
  {
    id: uuid().primaryKey().defaultRandom(),
    seriesId: uuid()
      .notNull()
      .references(() => Series.id, { onDelete: "cascade" }),
    participantId: uuid()
      .notNull()
      .references(() => Participant.id, { onDelete: "cascade" }),
    /** Null: the whole series; otherwise the one session it certifies. */
    sessionId: uuid().references(() => Session.id, { onDelete: "cascade" }),
    language: text().$type<"nl" | "en">().notNull(),
    /** The rule as issued: at least this percentage of the planned time of each session. */
    thresholdPercent: integer().notNull(),
    /** SHA-256 (hex) of the verification code. */
    codeHash: text().notNull().unique(),
    /** The name as printed; emptied on erasure and by the retention purge. */
    printedName: text().notNull(),
    sessions: jsonb().$type<CertificateSessionLine[]>().notNull(),
    /** The PDF as issued; removed with the name (it carries it). */
    pdf: bytea(),
    issuedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    issuedBy: uuid().references(() => Participant.id, { onDelete: "set null" }),
    revokedAt: timestamp({ withTimezone: true }),
    revokedBy: certificateRevocation(),
    revokedReason: text(),
  },
  (t) => [
    // Issuing again while one is valid changes nothing; after a revocation a new one may be issued.
    uniqueIndex("certificate_valid_once")
      .on(t.participantId, sql`coalesce(${t.sessionId}::text, 'series')`)
      .where(sql`${t.revokedAt} is null`),
    index().on(t.seriesId),
  ],
);

export const certificateRelations = relations(Certificate, ({ one }) => ({
  series: one(Series, { fields: [Certificate.seriesId], references: [Series.id] }),
  participant: one(Participant, { fields: [Certificate.participantId], references: [Participant.id] }),
  session: one(Session, { fields: [Certificate.sessionId], references: [Session.id] }),
}));
