import {
  ActionReview,
  Administrator,
  AgendaSeed,
  AgendaSegment,
  AttendanceInterval,
  AuditEntry,
  AuthAccount,
  AuthSession,
  AuthVerification,
  Availability,
  and,
  asc,
  BreakoutBroadcast,
  BreakoutGroup,
  BreakoutMember,
  BreakoutRound,
  CalendarFeed,
  CandidateSlot,
  Captioner,
  CaptionLine,
  CaptionLineRevision,
  Certificate,
  ChatMessage,
  type Database,
  EvaluationInvitation,
  EvaluationResponse,
  EvaluationTokenUse,
  eq,
  inArray,
  NoteTaker,
  Outcome,
  Participant,
  Person,
  Poll,
  PollVote,
  Question,
  QuestionVote,
  RateLimitCounter,
  SchedulingRequiredParticipant,
  Series,
  Session,
  SessionExcusal,
  SessionNoteUpdate,
  sql,
  Theme,
  type Transaction,
} from "@reeks/db";
import { localeSchema, pickLocale } from "@reeks/models";
import { withAudit } from "../audit";
import { unlinkCaptionPeople } from "../captions/caption-people";
import { revokeCertificatesOf } from "../certificates/records";
import { fillFreedPlaces } from "./seats";

/**
 * Every column that points at a person or a participant, and where the readable export shows what it
 * holds (or why it does not). A test compares this with the database catalogue, so a table added later
 * fails that test until someone decides where it belongs in the export.
 */
export const EXPORT_COVERAGE: Record<string, string> = {
  "participant.person_id": "registrations",
  "availability.participant_id": "availability",
  "attendance_interval.participant_id": "attendance",
  "session_excusal.participant_id": "attendance.apologies",
  "session_excusal.recorded_by": "not personal: who recorded someone else's apology",
  "outcome.author_id": "contributions.items",
  "outcome.owner_participant_id": "contributions.actionsAssignedToYou",
  "outcome_link.created_by": "not personal: links between items, no content of their own",
  "question.author_id": "contributions.questions",
  "question_vote.participant_id": "contributions.questionVotes",
  "poll.created_by": "contributions.pollsCreated",
  "poll_vote.participant_id": "contributions.pollVotes",
  "agenda_seed.author_id": "contributions.inputInAdvance",
  "action_review.participant_id": "contributions.actionReviews",
  "action_review_window.set_by": "not personal: a deadline an organiser set for everyone",
  "note_taker.participant_id": "contributions.noteTaking",
  "session_note_update.author_id": "contributions.noteTaking (counted; the shared notes are the session's)",
  "room_seat.participant_id": "attendance (the room's record of each stay)",
  "chat_message.author_id": "contributions.chatMessages",
  "scheduling_required_participant.poll_id": "not personal",
  "scheduling_required_participant.participant_id": "registrations.requiredForPlanning",
  "calendar_feed.person_id": "profile.calendarFeed (without its secret token)",
  "administrator.person_id": "profile.administrator",
  "administrator.appointed_by": "not personal: whom you appointed is their data",
  "audit_entry.actor_id": "actionsYouTook",
  "auth_session.user_id": "signIns",
  "auth_account.user_id": "not exported: the sign-in method's secrets never leave the server",
  "setup_token.claimed_by": "profile.administrator",
  "breakout_member.participant_id": "attendance.breakoutGroups",
  "breakout_group.rapporteur_id": "attendance.breakoutGroups (rapporteur)",
  "breakout_broadcast.author_id": "contributions.breakoutBroadcasts",
  "breakout_round.created_by": "not personal: a round of groups a moderator planned for everyone",
  "evaluation_invitation.participant_id": "evaluations.invitations",
  "evaluation_response.participant_id": "evaluations.namedResponses",
  "certificate.participant_id": "certificates",
  "certificate.issued_by": "not personal: which organiser issued someone else's certificate",
  "agenda_segment.speaker_id": "contributions.agendaSegmentsYouLead",
  "captioner.participant_id": "contributions.captions.captionerIn",
  "caption_line.author_participant_id": "contributions.captions.linesYouTyped",
  "caption_line.speaker_participant_id": "contributions.captions.linesMarkedAsYours",
  "caption_line_revision.edited_by": "contributions.captions.correctionsYouMade",
  "caption_line_revision.previous_speaker_participant_id":
    "not exported: an earlier speaker mark, corrected away (erasure removes it)",
  "caption_feed.created_by": "not personal: a caption URL a moderator made for the session",
};

/** Every foreign key from the catalogue to person or participant, as "table.column". */
export async function columnsReferencingPeople(db: Database): Promise<string[]> {
  const result = await db.execute(sql`
    select cl.relname as table_name, att.attname as column_name
    from pg_constraint con
    join pg_class cl on cl.oid = con.conrelid
    join pg_class ref on ref.oid = con.confrelid
    join pg_namespace ns on ns.oid = cl.relnamespace
    join pg_attribute att on att.attrelid = con.conrelid and att.attnum = any(con.conkey)
    where con.contype = 'f' and ref.relname in ('person', 'participant') and ns.nspname = current_schema()
    order by cl.relname, att.attname`);
  return (result as unknown as { rows: { table_name: string; column_name: string }[] }).rows.map(
    (r) => `${r.table_name}.${r.column_name}`,
  );
}

const README = {
  nl: {
    summary:
      "Dit zijn alle gegevens die Reeks over jou bewaart, op het moment van downloaden. Datums en tijden staan in ISO 8601 (UTC). Namen van anderen staan er niet in; wat je samen met anderen maakte (de gedeelde notities, de stemmen van anderen) hoort bij de sessie en staat hier alleen als jouw deel.",
    keys: {
      profile: "je account: naam, e-mailadres, taal, en of je beheerder bent",
      registrations: "je aanmeldingen per reeks: organisatie, functie, motivatie, antwoorden, rol en status",
      availability: "je antwoorden op de voorgestelde momenten (ja, misschien, nee)",
      contributions:
        "wat je inbracht: items, vragen, stemmen, chatberichten, berichten aan alle groepen, inbreng vooraf, reacties op acties, ondertitels die je typte of die aan jou als spreker zijn toegeschreven",
      attendance: "wanneer je in welke sessie was, in welke groepen, en voor welke sessies je je afmeldde",
      evaluations:
        "je uitnodigingen voor de evaluatie van sessies, of je antwoordde, en je antwoorden waar de reeks met naam evalueerde (anonieme antwoorden zijn aan niemand te koppelen, ook niet aan jou)",
      actionsYouTook: "wat je als organisator of moderator deed (het auditlogboek)",
      signIns: "de apparaten waarop je nu bent ingelogd",
      certificates: "je bewijzen van deelname: reeks, sessies, minuten, de regel, en of ze zijn ingetrokken",
    },
  },
  en: {
    summary:
      "This is all the data Reeks holds about you, at the time of download. Dates and times are ISO 8601 (UTC). Others' names are not in it; what you made together with others (the shared notes, others' votes) belongs to the session and appears here only as your part.",
    keys: {
      profile: "your account: name, e-mail address, language, and whether you are an administrator",
      registrations:
        "your registrations per series: organisation, job title, motivation, answers, role and status",
      availability: "your answers to the proposed times (yes, if need be, no)",
      contributions:
        "what you contributed: items, questions, votes, chat messages, messages to all groups, input in advance, reviews of actions, captions you typed or that were marked as yours as speaker",
      attendance:
        "when you were in which session, in which groups, and which sessions you sent apologies for",
      evaluations:
        "your invitations to evaluate sessions, whether you answered, and your answers where the series evaluated by name (anonymous answers cannot be linked to anyone, you included)",
      actionsYouTook: "what you did as organiser or moderator (the audit log)",
      signIns: "the devices you are signed in on now",
      certificates:
        "your certificates of attendance: series, sessions, minutes, the rule, and whether they were revoked",
    },
  },
} as const;

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

/**
 * Everything Reeks holds about one person, readable: human keys, ISO dates, titles instead of ids,
 * nothing of anyone else, in the person's own language (with a README that says what each part is).
 */
export async function exportMyData(db: Database, personId: string) {
  const person = await db.query.Person.findFirst({ where: eq(Person.id, personId) });
  if (!person) return null;
  const locale = localeSchema.catch("nl").parse(person.locale);
  const participations = await db
    .select({ participant: Participant, series: Series })
    .from(Participant)
    .innerJoin(Series, eq(Series.id, Participant.seriesId))
    .where(eq(Participant.personId, personId));
  const mine = participations.map((p) => p.participant.id);
  const any = (column: Parameters<typeof inArray>[0]) => inArray(column, mine.length ? mine : [""]);
  const sessions = await db
    .select({ id: Session.id, position: Session.position, title: Theme.title, series: Series.title })
    .from(Session)
    .innerJoin(Theme, eq(Theme.id, Session.themeId))
    .innerJoin(Series, eq(Series.id, Session.seriesId))
    .where(inArray(Session.seriesId, participations.length ? participations.map((p) => p.series.id) : [""]));
  const sessionName = new Map(
    sessions.map((s) => [
      s.id,
      `${pickLocale(s.series, locale)} — ${locale === "nl" ? "sessie" : "session"} ${s.position}: ${pickLocale(s.title, locale)}`,
    ]),
  );
  const inSession = (id: string) => sessionName.get(id) ?? "";

  const administrator = await db.query.Administrator.findFirst({
    where: eq(Administrator.personId, personId),
  });
  const feed = await db.query.CalendarFeed.findFirst({ where: eq(CalendarFeed.personId, personId) });
  const required = await db
    .select({ participantId: SchedulingRequiredParticipant.participantId })
    .from(SchedulingRequiredParticipant)
    .where(any(SchedulingRequiredParticipant.participantId));

  const availability = await db
    .select({
      answer: Availability.answer,
      comment: Availability.comment,
      at: Availability.updatedAt,
      slot: CandidateSlot,
    })
    .from(Availability)
    .innerJoin(CandidateSlot, eq(CandidateSlot.id, Availability.slotId))
    .where(any(Availability.participantId))
    .orderBy(asc(CandidateSlot.startsAt));
  const items = await db.select().from(Outcome).where(any(Outcome.authorId)).orderBy(asc(Outcome.createdAt));
  const assigned = await db
    .select()
    .from(Outcome)
    .where(any(Outcome.ownerParticipantId))
    .orderBy(asc(Outcome.createdAt));
  const questions = await db
    .select()
    .from(Question)
    .where(any(Question.authorId))
    .orderBy(asc(Question.createdAt));
  const questionVotes = await db
    .select({ at: QuestionVote.at, question: Question.text, sessionId: Question.sessionId })
    .from(QuestionVote)
    .innerJoin(Question, eq(Question.id, QuestionVote.questionId))
    .where(any(QuestionVote.participantId));
  const pollsCreated = await db.select().from(Poll).where(any(Poll.createdBy));
  const pollVotes = await db
    .select({ at: PollVote.at, choices: PollVote.choices, poll: Poll })
    .from(PollVote)
    .innerJoin(Poll, eq(Poll.id, PollVote.pollId))
    .where(any(PollVote.participantId));
  const seeds = await db.select().from(AgendaSeed).where(any(AgendaSeed.authorId));
  const reviews = await db
    .select({ review: ActionReview, action: Outcome.text })
    .from(ActionReview)
    .innerJoin(Outcome, eq(Outcome.id, ActionReview.outcomeId))
    .where(any(ActionReview.participantId));
  const noteTaker = await db.select().from(NoteTaker).where(any(NoteTaker.participantId));
  const noteEdits = await db
    .select({
      sessionId: SessionNoteUpdate.sessionId,
      n: sql<number>`count(*)::int`,
      last: sql<string>`max(${SessionNoteUpdate.at})`,
    })
    .from(SessionNoteUpdate)
    .where(any(SessionNoteUpdate.authorId))
    .groupBy(SessionNoteUpdate.sessionId);
  const chat = await db
    .select()
    .from(ChatMessage)
    .where(eq(ChatMessage.authorId, personId))
    .orderBy(asc(ChatMessage.sentAt));
  const stays = await db
    .select()
    .from(AttendanceInterval)
    .where(any(AttendanceInterval.participantId))
    .orderBy(asc(AttendanceInterval.joinedAt));
  const apologies = await db.select().from(SessionExcusal).where(any(SessionExcusal.participantId));
  const groups = await db
    .select({
      sessionId: BreakoutGroup.sessionId,
      name: BreakoutGroup.name,
      rapporteurId: BreakoutGroup.rapporteurId,
      openedAt: BreakoutRound.openedAt,
      placement: BreakoutMember.placement,
    })
    .from(BreakoutMember)
    .innerJoin(BreakoutGroup, eq(BreakoutGroup.id, BreakoutMember.groupId))
    .innerJoin(BreakoutRound, eq(BreakoutRound.id, BreakoutMember.roundId))
    .where(any(BreakoutMember.participantId))
    .orderBy(asc(BreakoutRound.createdAt));
  const broadcasts = await db
    .select({
      body: BreakoutBroadcast.body,
      sentAt: BreakoutBroadcast.sentAt,
      sessionId: BreakoutRound.sessionId,
    })
    .from(BreakoutBroadcast)
    .innerJoin(BreakoutRound, eq(BreakoutRound.id, BreakoutBroadcast.roundId))
    .where(any(BreakoutBroadcast.authorId))
    .orderBy(asc(BreakoutBroadcast.sentAt));
  const evaluationInvitations = await db
    .select({
      sessionId: EvaluationInvitation.sessionId,
      mode: EvaluationInvitation.mode,
      deadline: EvaluationInvitation.deadline,
      invitedAt: EvaluationInvitation.createdAt,
      remindedAt: EvaluationInvitation.remindedAt,
      answered: sql<boolean>`${EvaluationTokenUse.tokenHash} is not null`,
    })
    .from(EvaluationInvitation)
    .leftJoin(EvaluationTokenUse, eq(EvaluationTokenUse.tokenHash, EvaluationInvitation.tokenHash))
    .where(any(EvaluationInvitation.participantId))
    .orderBy(asc(EvaluationInvitation.createdAt));
  const namedResponses = await db
    .select()
    .from(EvaluationResponse)
    .where(any(EvaluationResponse.participantId));
  const led = await db
    .select({
      sessionId: AgendaSegment.sessionId,
      title: AgendaSegment.title,
      plannedMinutes: AgendaSegment.plannedMinutes,
    })
    .from(AgendaSegment)
    .where(any(AgendaSegment.speakerId))
    .orderBy(asc(AgendaSegment.sessionId), asc(AgendaSegment.position));
  const captionerIn = await db.select().from(Captioner).where(any(Captioner.participantId));
  const linesTyped = await db
    .select()
    .from(CaptionLine)
    .where(any(CaptionLine.authorParticipantId))
    .orderBy(asc(CaptionLine.spokenAt));
  const linesSpoken = await db
    .select()
    .from(CaptionLine)
    .where(any(CaptionLine.speakerParticipantId))
    .orderBy(asc(CaptionLine.spokenAt));
  const corrections = await db
    .select({
      at: CaptionLineRevision.editedAt,
      previousText: CaptionLineRevision.previousText,
      line: CaptionLine,
    })
    .from(CaptionLineRevision)
    .innerJoin(CaptionLine, eq(CaptionLine.id, CaptionLineRevision.lineId))
    .where(any(CaptionLineRevision.editedBy))
    .orderBy(asc(CaptionLineRevision.editedAt));
  const actions = await db
    .select({ at: AuditEntry.at, action: AuditEntry.action, series: Series.title })
    .from(AuditEntry)
    .leftJoin(Series, eq(Series.id, AuditEntry.seriesId))
    .where(eq(AuditEntry.actorId, personId))
    .orderBy(asc(AuditEntry.at));
  const signIns = await db
    .select()
    .from(AuthSession)
    .where(eq(AuthSession.userId, personId))
    .orderBy(asc(AuthSession.createdAt));

  const certificates = await db
    .select({
      series: Series.title,
      sessionId: Certificate.sessionId,
      sessions: Certificate.sessions,
      printedName: Certificate.printedName,
      thresholdPercent: Certificate.thresholdPercent,
      language: Certificate.language,
      issuedAt: Certificate.issuedAt,
      revokedAt: Certificate.revokedAt,
    })
    .from(Certificate)
    .innerJoin(Series, eq(Series.id, Certificate.seriesId))
    .where(any(Certificate.participantId))
    .orderBy(asc(Certificate.issuedAt));

  const readme = README[locale];
  return {
    readme: { ...readme, language: locale },
    exportedAt: new Date().toISOString(),
    profile: {
      name: person.name,
      email: person.email,
      emailConfirmed: person.emailVerified,
      language: locale,
      accountCreatedAt: iso(person.createdAt),
      lastChangedAt: iso(person.updatedAt),
      administrator: administrator ? { since: iso(administrator.createdAt) } : null,
      calendarFeed: feed ? { createdAt: iso(feed.createdAt) } : null,
    },
    registrations: participations.map(({ participant: p, series }) => {
      const questionsOfSeries = series.registration?.questions ?? [];
      return {
        series: pickLocale(series.title, locale),
        organisation: p.organisation,
        jobTitle: p.jobTitle,
        motivation: p.motivation,
        answers: Object.entries(p.answers).map(([id, answer]) => {
          const question = questionsOfSeries.find((q) => q.id === id);
          const choice = question?.kind === "choice" ? question.choices[Number(answer)] : undefined;
          return {
            question: question ? pickLocale(question.label, locale) : "",
            answer: choice ? pickLocale(choice, locale) : answer,
          };
        }),
        commitsToAllSessions: p.commitsToAllSessions,
        role: p.role,
        status: p.status,
        cameBy: p.source,
        consentGivenAt: iso(p.consentedAt),
        registeredAt: iso(p.createdAt),
        decidedAt: iso(p.decidedAt),
        requiredForPlanning: required.some((r) => r.participantId === p.id),
      };
    }),
    availability: availability.map((a) => ({
      session: inSession(a.slot.sessionId),
      from: iso(a.slot.startsAt),
      until: iso(a.slot.endsAt),
      answer: a.answer,
      comment: a.comment,
      answeredAt: iso(a.at),
    })),
    contributions: {
      items: items.map((o) => ({
        session: inSession(o.sessionId),
        kind: o.kind,
        text: o.text,
        attribution: o.attribution,
        status: o.status,
        createdAt: iso(o.createdAt),
      })),
      actionsAssignedToYou: assigned.map((o) => ({
        session: inSession(o.sessionId),
        text: o.text,
        dueDate: o.dueDate,
        status: o.status,
      })),
      questions: questions.map((q) => ({
        session: inSession(q.sessionId),
        text: q.text,
        anonymous: q.anonymous,
        status: q.status,
        askedAt: iso(q.createdAt),
      })),
      questionVotes: questionVotes.map((v) => ({
        session: inSession(v.sessionId),
        question: v.question,
        at: iso(v.at),
      })),
      pollsCreated: pollsCreated.map((p) => ({
        session: inSession(p.sessionId),
        question: p.question,
        createdAt: iso(p.createdAt),
      })),
      pollVotes: pollVotes.map((v) => ({
        session: inSession(v.poll.sessionId),
        question: v.poll.question,
        // A scale has no labels: its choices are the values 1–5 themselves.
        answer: v.choices.map((c) => v.poll.options[c] ?? String(c)),
        at: iso(v.at),
      })),
      inputInAdvance: seeds.map((s) => ({
        session: inSession(s.sessionId),
        text: s.text,
        attribution: s.attribution,
        sentAt: iso(s.createdAt),
      })),
      actionReviews: reviews.map((r) => ({
        action: r.action,
        verdict: r.review.verdict,
        comment: r.review.comment,
        at: iso(r.review.at),
      })),
      chatMessages: chat.map((m) => ({
        session: inSession(m.sessionId),
        text: m.body,
        sentAt: iso(m.sentAt),
      })),
      breakoutBroadcasts: broadcasts.map((b) => ({
        session: inSession(b.sessionId),
        text: b.body,
        sentAt: iso(b.sentAt),
      })),
      agendaSegmentsYouLead: led.map((l) => ({
        session: inSession(l.sessionId),
        segment: pickLocale(l.title, locale),
        plannedMinutes: l.plannedMinutes,
      })),
      captions: {
        captionerIn: captionerIn.map((c) => inSession(c.sessionId)),
        linesYouTyped: linesTyped.map((l) => ({
          session: inSession(l.sessionId),
          text: l.text,
          language: l.language,
          at: iso(l.spokenAt),
        })),
        linesMarkedAsYours: linesSpoken.map((l) => ({
          session: inSession(l.sessionId),
          text: l.text,
          language: l.language,
          at: iso(l.spokenAt),
        })),
        correctionsYouMade: corrections.map((c) => ({
          session: inSession(c.line.sessionId),
          before: c.previousText,
          now: c.line.text,
          at: iso(c.at),
        })),
      },
      noteTaking: {
        mayWriteNotesIn: noteTaker.map((n) => inSession(n.sessionId)),
        editsToSharedNotes: noteEdits.map((e) => ({
          session: inSession(e.sessionId),
          edits: e.n,
          lastEditAt: e.last ? new Date(e.last).toISOString() : null,
        })),
      },
    },
    attendance: {
      stays: stays.map((s) => ({
        session: inSession(s.sessionId),
        joinedAt: iso(s.joinedAt),
        leftAt: iso(s.leftAt),
      })),
      apologies: apologies.map((a) => ({ session: inSession(a.sessionId), at: iso(a.at) })),
      breakoutGroups: groups.map((g) => ({
        session: inSession(g.sessionId),
        group: g.name,
        openedAt: iso(g.openedAt),
        placedBy: g.placement,
        rapporteur: g.rapporteurId !== null && mine.includes(g.rapporteurId),
      })),
    },
    evaluations: {
      invitations: evaluationInvitations.map((i) => ({
        session: inSession(i.sessionId),
        mode: i.mode,
        invitedAt: iso(i.invitedAt),
        remindedAt: iso(i.remindedAt),
        deadline: iso(i.deadline),
        answered: i.answered,
      })),
      namedResponses: namedResponses.map((r) => ({
        session: inSession(r.sessionId),
        usefulness: r.usefulness,
        whatTheEssayShouldSay: r.essayMust,
        whatToChange: r.changeNext,
        extraAnswers: Object.values(r.extra),
      })),
    },
    actionsYouTook: actions.map((a) => ({
      at: iso(a.at),
      series: a.series ? pickLocale(a.series, locale) : null,
      action: a.action,
    })),
    certificates: certificates.map((c) => ({
      series: pickLocale(c.series, locale),
      scope: c.sessionId ? "session" : "series",
      nameAsPrinted: c.printedName,
      language: c.language,
      rule: { percentOfPlannedTimePerSession: c.thresholdPercent },
      sessions: c.sessions.map((l) => ({
        session: inSession(l.sessionId),
        plannedMinutes: l.plannedMinutes,
        attendedMinutes: l.attendedMinutes,
      })),
      issuedAt: iso(c.issuedAt),
      revokedAt: iso(c.revokedAt),
    })),
    signIns: signIns.map((s) => ({
      since: iso(s.createdAt),
      lastActiveAt: iso(s.updatedAt),
      expiresAt: iso(s.expiresAt),
      browser: s.userAgent,
      address: s.ipAddress,
    })),
  };
}

export type MyDataExport = NonNullable<Awaited<ReturnType<typeof exportMyData>>>;

/**
 * Removes every personal field of a person in place. The rows stay, so what they contributed (outcomes,
 * questions, votes) remains part of the series, but it is no longer under their name: the UI shows an
 * erased person as "removed participant". Their sessions end, their registrations lapse.
 */
export async function anonymisePerson(tx: Transaction | Database, personId: string): Promise<void> {
  const person = await tx.query.Person.findFirst({ where: eq(Person.id, personId) });
  if (!person || person.erasedAt) return;
  const now = new Date();
  await tx
    .update(Person)
    .set({
      name: "",
      email: `erased-${person.id}@erased.invalid`,
      emailVerified: false,
      image: null,
      locale: "nl",
      erasedAt: now,
      updatedAt: now,
    })
    .where(eq(Person.id, personId));
  await tx
    .update(Participant)
    .set({
      organisation: "",
      jobTitle: "",
      motivation: null,
      consentedAt: null,
      status: "declined",
      updatedAt: now,
    })
    .where(eq(Participant.personId, personId));
  // Named evaluation answers stay with the session, no longer under their name.
  await tx
    .update(EvaluationResponse)
    .set({ participantId: null })
    .where(
      inArray(
        EvaluationResponse.participantId,
        tx.select({ id: Participant.id }).from(Participant).where(eq(Participant.personId, personId)),
      ),
    );
  const participations = await tx
    .select({ id: Participant.id })
    .from(Participant)
    .where(eq(Participant.personId, personId));
  await revokeCertificatesOf(
    tx,
    participations.map((p) => p.id),
    "erasure",
    now,
  );
  // Speaker marks and author links come off the transcript; what was said stays.
  await unlinkCaptionPeople(
    tx,
    participations.map((p) => p.id),
  );
  await tx.delete(AuthSession).where(eq(AuthSession.userId, personId));
  await tx.delete(AuthAccount).where(eq(AuthAccount.userId, personId));
  await tx.delete(AuthVerification).where(sql`${AuthVerification.value} like ${`%"${person.email}"%`}`);
  await tx.delete(RateLimitCounter).where(sql`${RateLimitCounter.key} like ${`%:email:${person.email}`}`);
}

/** The person erases their own account. */
export async function eraseMyAccount(db: Database, personId: string): Promise<void> {
  const erased = { actorId: personId, seriesId: null, action: "account.erase", target: `person:${personId}` };
  await withAudit(db, erased, async (tx) => {
    const held = await tx
      .select({ seriesId: Participant.seriesId })
      .from(Participant)
      .where(and(eq(Participant.personId, personId), eq(Participant.status, "approved")));
    await anonymisePerson(tx, personId);
    for (const { seriesId } of held) await fillFreedPlaces(tx, seriesId, `erasure:${personId}`);
  });
}
