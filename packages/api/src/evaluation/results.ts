import {
  and,
  asc,
  type Database,
  EvaluationInvitation,
  EvaluationResponse,
  EvaluationTokenUse,
  eq,
  inArray,
  Outcome,
  Participant,
  Person,
  Session,
  sql,
  Theme,
} from "@reeks/db";
import type { EvaluationQuestion, LocalizedText, OutcomeKind } from "@reeks/models";
import type { Actor, SessionActor } from "../actor";
import { publishItem } from "../capture/live-events";
import { insertOutcome } from "../capture/outcome-rules";
import { DomainError } from "../domain-error";

/** Which answer of a response: one of the two fixed open questions, or an extra one by its id. */
export type AnswerField = "essayMust" | "changeNext" | `extra:${string}`;

export interface OpenAnswer {
  responseId: string;
  field: AnswerField;
  /** The organiser's extra question, when the field is one. */
  question: string | null;
  text: string;
  /** Only for named responses. */
  respondent: string | null;
  /** The outcome item it became, if an organiser turned it into one. */
  outcomeId: string | null;
}

export interface SessionEvaluationResult {
  sessionId: string;
  position: number;
  title: LocalizedText;
  invited: number;
  responded: number;
  /** Responses per usefulness score 1…5 (index 0 is score 1). */
  usefulness: number[];
  /** Average usefulness, null without responses. */
  average: number | null;
  answers: OpenAnswer[];
}

export interface SeriesEvaluationResults {
  sessions: SessionEvaluationResult[];
  series: { invited: number; responded: number; usefulness: number[]; average: number | null };
}

function averageOf(counts: number[]): number | null {
  const total = counts.reduce((a, b) => a + b, 0);
  if (total === 0) return null;
  return counts.reduce((sum, n, i) => sum + n * (i + 1), 0) / total;
}

const answerRef = (responseId: string, field: AnswerField) => `${responseId}:${field}`;

/** Every session's results and the series' together, for the organisers' dashboard and the exports. */
export async function evaluationResults(db: Database, seriesId: string): Promise<SeriesEvaluationResults> {
  const sessions = await db
    .select({ id: Session.id, position: Session.position, title: Theme.title })
    .from(Session)
    .innerJoin(Theme, eq(Theme.id, Session.themeId))
    .where(eq(Session.seriesId, seriesId))
    .orderBy(asc(Session.position));
  const ids = sessions.map((s) => s.id);
  if (ids.length === 0)
    return { sessions: [], series: { invited: 0, responded: 0, usefulness: [0, 0, 0, 0, 0], average: null } };
  const { invitations, responses } = await evaluationRows(db, ids);
  const outcomes = await db
    .select({ id: Outcome.id, provenance: Outcome.provenance })
    .from(Outcome)
    .where(
      and(eq(Outcome.seriesId, seriesId), sql`${Outcome.provenance} @> '[{"source":"evaluation"}]'::jsonb`),
    );
  const outcomeByRef = new Map<string, string>();
  for (const o of outcomes)
    for (const p of o.provenance) if (p.source === "evaluation" && p.ref) outcomeByRef.set(p.ref, o.id);

  const total = [0, 0, 0, 0, 0];
  const results = sessions.map((session): SessionEvaluationResult => {
    const invited = invitations.filter((i) => i.sessionId === session.id);
    const questions = new Map<string, EvaluationQuestion>();
    for (const i of invited) for (const q of i.questions) questions.set(q.id, q);
    const mine = responses.filter((r) => r.response.sessionId === session.id);
    const usefulness = [0, 0, 0, 0, 0];
    const answers: OpenAnswer[] = [];
    for (const { response, respondent } of mine) {
      usefulness[response.usefulness - 1] = (usefulness[response.usefulness - 1] ?? 0) + 1;
      const fields: Array<[AnswerField, string, string | null]> = [
        ["essayMust", response.essayMust, null],
        ["changeNext", response.changeNext, null],
        ...Object.entries(response.extra).map(([id, text]): [AnswerField, string, string | null] => [
          `extra:${id}`,
          text,
          questions.get(id)?.text ?? null,
        ]),
      ];
      for (const [field, text, question] of fields) {
        if (text === "") continue;
        answers.push({
          responseId: response.id,
          field,
          question,
          text,
          respondent: response.participantId ? (respondent ?? null) : null,
          outcomeId: outcomeByRef.get(answerRef(response.id, field)) ?? null,
        });
      }
    }
    usefulness.forEach((n, i) => {
      total[i] = (total[i] ?? 0) + n;
    });
    return {
      sessionId: session.id,
      position: session.position,
      title: session.title,
      invited: invited.length,
      responded: invited.filter((i) => i.used).length,
      usefulness,
      average: averageOf(usefulness),
      answers,
    };
  });
  return {
    sessions: results,
    series: {
      invited: results.reduce((a, r) => a + r.invited, 0),
      responded: results.reduce((a, r) => a + r.responded, 0),
      usefulness: total,
      average: averageOf(total),
    },
  };
}

export async function seriesEvaluationResults(db: Database, actor: Actor) {
  return evaluationResults(db, actor.seriesId);
}

/**
 * An organiser turns an open answer into an outcome item of the session, with provenance "evaluation"
 * pointing at the answer. Anonymous answers stay anonymous items; named ones keep their author.
 */
export async function answerToOutcome(
  db: Database,
  input: { responseId: string; field: AnswerField; kind: OutcomeKind },
  actor: SessionActor,
) {
  const response = await db.query.EvaluationResponse.findFirst({
    where: and(
      eq(EvaluationResponse.id, input.responseId),
      eq(EvaluationResponse.sessionId, actor.session.id),
    ),
  });
  if (!response) throw new DomainError("NOT_FOUND", "evaluationAnswerNotFound");
  const text =
    input.field === "essayMust"
      ? response.essayMust
      : input.field === "changeNext"
        ? response.changeNext
        : (response.extra[input.field.slice("extra:".length)] ?? "");
  if (text.trim() === "") throw new DomainError("BAD_REQUEST", "evaluationAnswerEmpty", { field: ["field"] });
  const record = await db.transaction(async (tx) => {
    const id = await insertOutcome(tx, actor, {
      kind: input.kind,
      text,
      attribution: response.participantId ? "named" : "anonymous",
      source: "evaluation",
      ref: answerRef(response.id, input.field),
      authorId: response.participantId,
    });
    return publishItem(tx, actor, "outcome", id);
  });
  return { outcomeId: record.id };
}

/**
 * A series' invitations (with whether each was used) and responses (with the name, when named), for
 * the dashboard and the documents alike. Responses are sorted by content, never by anything that
 * follows the order people answered in.
 */
export async function evaluationRows(db: Database, sessionIds: string[]) {
  const invitations = await db
    .select({
      sessionId: EvaluationInvitation.sessionId,
      questions: EvaluationInvitation.questions,
      used: sql<boolean>`${EvaluationTokenUse.tokenHash} is not null`,
    })
    .from(EvaluationInvitation)
    .leftJoin(EvaluationTokenUse, eq(EvaluationTokenUse.tokenHash, EvaluationInvitation.tokenHash))
    .where(inArray(EvaluationInvitation.sessionId, sessionIds));
  const responses = await db
    .select({ response: EvaluationResponse, respondent: Person.name })
    .from(EvaluationResponse)
    .leftJoin(Participant, eq(Participant.id, EvaluationResponse.participantId))
    .leftJoin(Person, eq(Person.id, Participant.personId))
    .where(inArray(EvaluationResponse.sessionId, sessionIds))
    .orderBy(
      asc(EvaluationResponse.usefulness),
      asc(EvaluationResponse.essayMust),
      asc(EvaluationResponse.id),
    );
  return { invitations, responses };
}
