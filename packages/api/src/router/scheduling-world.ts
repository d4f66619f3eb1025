import { randomUUID } from "node:crypto";
import {
  type DatabaseHandle,
  DEMO_SERIES_SLUG,
  eq,
  Participant,
  Person,
  Series,
  Session,
  seedDemoSeries,
} from "@reeks/db";
import { createTestDatabase } from "@reeks/db/testing";
import { MAIL_JOB_KIND, mailJobHandler, startWorker } from "@reeks/jobs";
import { createMailer, type SmtpSink, startSmtpSink } from "@reeks/mail";
import type { ParticipantRole } from "@reeks/models";
import ICAL from "ical.js";
import { afterAll, beforeAll, expect } from "vitest";
import { createContextInner } from "../context";
import { appRouter } from "../root";
import { schedulingJobHandlers } from "../scheduling";
import { fakeLivekit as livekit } from "../testing";
import { createCallerFactory } from "../trpc";

export const mailConfig = { appUrl: "http://reeks.test", organizerEmail: "noreply@reeks.test" };

export function parseIcs(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  const events = calendar.getAllSubcomponents("vevent").map((vevent) => {
    const event = new ICAL.Event(vevent);
    return {
      uid: event.uid,
      sequence: event.sequence,
      start: event.startDate.toJSDate().toISOString(),
      status: vevent.getFirstPropertyValue("status"),
      description: event.description,
    };
  });
  return { method: calendar.getFirstPropertyValue("method"), events };
}

/**
 * The demo series with an organiser, a speaker, three approved members and one still interested, for
 * the tests of one `describe` block. Read handle, sink, seriesId and sessionIds inside tests.
 */
export function useSchedulingWorld() {
  const w = {} as { handle: DatabaseHandle; sink: SmtpSink; seriesId: string; sessionIds: string[] };
  const createCaller = createCallerFactory(appRouter);
  const people: Record<string, { personId: string; participantId: string }> = {};

  async function addPerson(
    key: string,
    role: ParticipantRole,
    status: "approved" | "interested" = "approved",
  ) {
    const personId = randomUUID();
    await w.handle.db.insert(Person).values({ id: personId, name: key, email: `${key}@gemeente.test` });
    const [p] = await w.handle.db
      .insert(Participant)
      .values({ seriesId: w.seriesId, personId, organisation: "Gemeente", role, status })
      .returning({ id: Participant.id });
    people[key] = { personId, participantId: p?.id ?? "" };
  }
  const as = (key: string) =>
    createCaller(
      createContextInner({ database: w.handle, livekit, actor: { personId: people[key]?.personId ?? "" } }),
    );

  const jobErrors: string[] = [];
  async function runJobsUntilIdle() {
    const mailer = createMailer({ smtpUrl: w.sink.url, from: "Reeks <noreply@reeks.test>" });
    const worker = startWorker({
      database: w.handle,
      handlers: {
        ...schedulingJobHandlers(w.handle.db, mailConfig),
        [MAIL_JOB_KIND]: mailJobHandler(mailer),
      },
      pollIntervalMs: 60_000,
      onError: (error, job) => jobErrors.push(`${job?.kind}: ${String(error)}`),
    });
    await worker.stop();
    // Fan-out jobs enqueue mail jobs: run until nothing is due.
    while ((await worker.runOnce()) > 0) {}
    mailer.close();
    expect(jobErrors).toEqual([]);
  }

  beforeAll(async () => {
    w.handle = await createTestDatabase();
    w.sink = await startSmtpSink();
    await seedDemoSeries(w.handle.db);
    const series = await w.handle.db.query.Series.findFirst({ where: eq(Series.slug, DEMO_SERIES_SLUG) });
    w.seriesId = series?.id ?? "";
    const sessions = await w.handle.db.query.Session.findMany({ where: eq(Session.seriesId, w.seriesId) });
    w.sessionIds = sessions.sort((a, b) => a.position - b.position).map((s) => s.id);
    await addPerson("organiser", "organiser");
    await addPerson("speaker", "speaker");
    await addPerson("anne", "member");
    await addPerson("bart", "member");
    await addPerson("carla", "member");
    await addPerson("wachtend", "member", "interested");
  });
  afterAll(async () => {
    await w.sink.stop();
    await w.handle.close();
  });
  return { w, people, as, runJobsUntilIdle };
}
