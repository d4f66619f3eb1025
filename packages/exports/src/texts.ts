import type { Locale, ParticipantRole, RegistrationStatus } from "@reeks/models";
import type { AttendanceState } from "./attendance";
import type { ActionStatus, OutcomeKind } from "./model";

/** Every word the documents print, in both languages. Dutch is the default of the product. */
export interface ExportTexts {
  essayTitleSuffix: string;
  draftNotice: (date: string) => string;
  organisedBy: (organiser: string) => string;
  theme: (position: number, title: string) => string;
  guidingQuestion: string;
  sections: Record<OutcomeKind, string>;
  highlightedQuestions: string;
  pollResults: string;
  /** The part of a theme with what the breakout groups shared, group by group. */
  fromTheGroups: string;
  groupQuestion: string;
  /** One item's kind, as a label in front of it. */
  kind: Record<OutcomeKind, string>;
  key: string;
  none: string;
  session: (position: number) => string;
  addedAfterwards: string;
  /** `count` picks the plural form, `shown` is the number as the locale writes it. */
  votes: (count: number, shown: string) => string;
  /** How an erased account appears, in every document: counted, never named. */
  erasedPerson: string;
  erasedRegistration: string;
  respondents: (count: number, shown: string) => string;
  columns: {
    theme: string;
    action: string;
    owner: string;
    dueDate: string;
    status: string;
    source: string;
    key: string;
    capturedAt: string;
    name: string;
    organisation: string;
    role: string;
    registration: string;
    session: string;
    firstJoin: string;
    lastLeave: string;
    minutes: string;
    share: string;
    attendance: string;
    option: string;
    votes: string;
    sessionsAttended: string;
  };
  actionStatus: Record<ActionStatus, string>;
  roles: Record<ParticipantRole, string>;
  registration: Record<RegistrationStatus, string>;
  attendanceState: Record<AttendanceState, string>;
  yes: string;
  no: string;
  appendix: string;
  appendixIntro: string;
  attendedAllCount: (count: number, shown: string, sessions: number, sessionsShown: string) => string;
  perSessionLine: (session: string, present: string, absent: string, excused: string) => string;
  agendaTitle: string;
  agendaIntro: string;
  attendanceSheet: string;
  agendaSheet: string;
  fileNames: { essay: string; agenda: string; attendance: string; series: string; evaluation: string };
}

const nl: ExportTexts = {
  essayTitleSuffix: "Concept voor het essay",
  draftNotice: (date) => `Werkversie voor de schrijvers, samengesteld op ${date}.`,
  organisedBy: (organiser) => `Een reeks van ${organiser}`,
  theme: (position, title) => `Thema ${position}: ${title}`,
  guidingQuestion: "Leidende vraag",
  sections: {
    problem: "Kernproblemen",
    action: "Acties",
    insight: "Inzichten",
    dilemma: "Dilemma's",
    recommendation: "Aanbevelingen",
    quote: "Citaten",
  },
  highlightedQuestions: "Uitgelichte vragen",
  pollResults: "Peilingen",
  fromTheGroups: "Uit de groepen",
  groupQuestion: "Vraag",
  kind: {
    problem: "Probleem",
    action: "Actie",
    insight: "Inzicht",
    dilemma: "Dilemma",
    recommendation: "Aanbeveling",
    quote: "Citaat",
  },
  key: "Kern",
  none: "Nog niets vastgelegd.",
  session: (position) => `Sessie ${position}`,
  addedAfterwards: "Achteraf toegevoegd",
  votes: (count, shown) => (count === 1 ? `${shown} stem` : `${shown} stemmen`),
  erasedPerson: "Verwijderd account",
  erasedRegistration: "account verwijderd",
  respondents: (count, shown) => (count === 1 ? `${shown} stem in totaal` : `${shown} stemmen in totaal`),
  columns: {
    theme: "Thema",
    action: "Actie",
    owner: "Eigenaar",
    dueDate: "Deadline",
    status: "Status",
    source: "Bron",
    key: "Kern",
    capturedAt: "Vastgelegd op",
    name: "Naam",
    organisation: "Organisatie",
    role: "Rol",
    registration: "Aanmelding",
    session: "Sessie",
    firstJoin: "Eerste binnenkomst",
    lastLeave: "Laatste vertrek",
    minutes: "Minuten",
    share: "Aandeel van de sessie",
    attendance: "Aanwezigheid",
    option: "Antwoord",
    votes: "Stemmen",
    sessionsAttended: "Sessies bijgewoond",
  },
  actionStatus: { open: "Open", in_progress: "In uitvoering", done: "Afgerond" },
  roles: { organiser: "organisator", moderator: "moderator", speaker: "spreker", member: "deelnemer" },
  registration: {
    interested: "belangstelling",
    approved: "toegelaten",
    waitlisted: "wachtlijst",
    declined: "afgewezen",
  },
  attendanceState: {
    present: "aanwezig",
    absent: "afwezig",
    excused: "afgemeld",
    not_held: "nog niet gehouden",
  },
  yes: "ja",
  no: "nee",
  appendix: "Bijlage: deelname",
  appendixIntro:
    "Wie deelnam aan welke sessie. Deelname is openbaar; uitspraken onder Chatham House-regel of anoniem staan in dit document zonder naam.",
  attendedAllCount: (count, shown, sessions, sessionsShown) =>
    `${shown} ${count === 1 ? "deelnemer was" : "deelnemers waren"} bij ${
      sessions === 1 ? "de enige sessie" : `alle ${sessionsShown} sessies`
    }.`,
  perSessionLine: (session, present, absent, excused) =>
    `${session}: ${present} aanwezig, ${absent} afwezig, ${excused} afgemeld.`,
  agendaTitle: "Uitvoeringsagenda",
  agendaIntro: "Alle acties uit de reeks, per thema, met eigenaar, deadline en status.",
  attendanceSheet: "Aanwezigheid",
  agendaSheet: "Uitvoeringsagenda",
  fileNames: {
    essay: "essay-concept",
    agenda: "uitvoeringsagenda",
    attendance: "aanwezigheid",
    series: "reeks",
    evaluation: "evaluatie",
  },
};

const en: ExportTexts = {
  essayTitleSuffix: "Draft for the essay",
  draftNotice: (date) => `Working version for the writers, compiled on ${date}.`,
  organisedBy: (organiser) => `A series by ${organiser}`,
  theme: (position, title) => `Theme ${position}: ${title}`,
  guidingQuestion: "Guiding question",
  sections: {
    problem: "Key problems",
    action: "Actions",
    insight: "Insights",
    dilemma: "Dilemmas",
    recommendation: "Recommendations",
    quote: "Quotes",
  },
  highlightedQuestions: "Highlighted questions",
  pollResults: "Polls",
  fromTheGroups: "From the groups",
  groupQuestion: "Question",
  kind: {
    problem: "Problem",
    action: "Action",
    insight: "Insight",
    dilemma: "Dilemma",
    recommendation: "Recommendation",
    quote: "Quote",
  },
  key: "Key",
  none: "Nothing captured yet.",
  session: (position) => `Session ${position}`,
  addedAfterwards: "Added afterwards",
  votes: (count, shown) => (count === 1 ? `${shown} vote` : `${shown} votes`),
  erasedPerson: "Deleted account",
  erasedRegistration: "account deleted",
  respondents: (count, shown) => (count === 1 ? `${shown} vote in total` : `${shown} votes in total`),
  columns: {
    theme: "Theme",
    action: "Action",
    owner: "Owner",
    dueDate: "Due date",
    status: "Status",
    source: "Source",
    key: "Key",
    capturedAt: "Captured at",
    name: "Name",
    organisation: "Organisation",
    role: "Role",
    registration: "Registration",
    session: "Session",
    firstJoin: "First join",
    lastLeave: "Last leave",
    minutes: "Minutes",
    share: "Share of the session",
    attendance: "Attendance",
    option: "Answer",
    votes: "Votes",
    sessionsAttended: "Sessions attended",
  },
  actionStatus: { open: "Open", in_progress: "In progress", done: "Done" },
  roles: { organiser: "organiser", moderator: "moderator", speaker: "speaker", member: "participant" },
  registration: {
    interested: "interested",
    approved: "approved",
    waitlisted: "waitlisted",
    declined: "declined",
  },
  attendanceState: { present: "present", absent: "absent", excused: "excused", not_held: "not held yet" },
  yes: "yes",
  no: "no",
  appendix: "Appendix: participation",
  appendixIntro:
    "Who took part in which session. Participation is public; statements under the Chatham House rule or made anonymously appear in this document without a name.",
  attendedAllCount: (count, shown, sessions, sessionsShown) =>
    `${shown} ${count === 1 ? "participant" : "participants"} attended ${
      sessions === 1 ? "the only session" : `all ${sessionsShown} sessions`
    }.`,
  perSessionLine: (session, present, absent, excused) =>
    `${session}: ${present} present, ${absent} absent, ${excused} excused.`,
  agendaTitle: "Uitvoeringsagenda (action agenda)",
  agendaIntro: "All actions of the series, by theme, with owner, due date and status.",
  attendanceSheet: "Attendance",
  agendaSheet: "Action agenda",
  fileNames: {
    essay: "essay-draft",
    agenda: "action-agenda",
    attendance: "attendance",
    series: "series",
    evaluation: "evaluation",
  },
};

export const EXPORT_TEXTS: Record<Locale, ExportTexts> = { nl, en };

/** A participant's name as every document prints it; an erased account has none. */
export function participantName(
  participant: { name: string; erased?: boolean | undefined },
  texts: ExportTexts,
): string {
  return participant.erased || !participant.name ? texts.erasedPerson : participant.name;
}

/** The registration column: an erased account was not "declined", it left. */
export function registrationLabel(
  participant: { status: RegistrationStatus; erased?: boolean | undefined },
  texts: ExportTexts,
): string {
  return participant.erased ? texts.erasedRegistration : texts.registration[participant.status];
}
