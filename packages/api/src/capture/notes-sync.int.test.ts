import { createDatabase, type DatabaseHandle } from "@reeks/db";
import { createTestDatabase } from "@reeks/db/testing";
import { NotesSync, type NotesTransport } from "@reeks/models/notes-sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { type ApiInstance, captureWorld, startApiInstance, trpcClientFor } from "../testing";

function secondHandle(handle: DatabaseHandle): DatabaseHandle {
  const url = handle.pool?.options.connectionString;
  return url
    ? createDatabase({ kind: "postgres", url, maxConnections: 5 })
    : { ...handle, close: async () => {} };
}

/** The browser's transport, over real HTTP and SSE, for one person on one instance. */
function transportFor(baseUrl: string, personId: string, sessionId: string): NotesTransport {
  const client = trpcClientFor(baseUrl, personId);
  return {
    load: () => client.capture.notes.get.query({ sessionId }),
    push: async (update) => {
      await client.capture.notes.push.mutate({ sessionId, update });
    },
    subscribe: (lastEventId, onUpdate) =>
      client.capture.live.subscribe(
        { sessionId, lastEventId },
        {
          onData: ({ data }) => {
            if (data.type === "notes") onUpdate(data.update);
          },
        },
      ),
  };
}

/** Types `text` one character at a time at a cursor that follows this writer's own typing. */
async function type(sync: NotesSync, anchorText: string, text: string, pause: () => Promise<void>) {
  const start = sync.text.toString().indexOf(anchorText) + anchorText.length;
  let cursor = Y.createRelativePositionFromTypeIndex(sync.text, start);
  for (const char of text) {
    const index = Y.createAbsolutePositionFromRelativePosition(cursor, sync.doc)?.index ?? sync.text.length;
    sync.text.insert(index, char);
    cursor = Y.createRelativePositionFromTypeIndex(sync.text, index + 1);
    await pause();
  }
}

describe("session notes written by two note-takers at once", () => {
  let primary: DatabaseHandle;
  let secondary: DatabaseHandle;
  let a: ApiInstance;
  let b: ApiInstance;
  beforeAll(async () => {
    primary = await createTestDatabase();
    secondary = secondHandle(primary);
    [a, b] = await Promise.all([startApiInstance(primary), startApiInstance(secondary)]);
  });
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await secondary?.close();
    await primary?.close();
  });

  it("keeps both texts when one of them reconnects midway", async () => {
    const world = await captureWorld(primary);
    const sessionId = world.sessions[0]?.id ?? "";
    // The member becomes a designated note-taker; the moderator may write anyway.
    await trpcClientFor(a.url, world.moderator.personId).capture.notes.designate.mutate({
      sessionId,
      participantId: world.member.participantId,
      designate: true,
    });
    const mo = new NotesSync(transportFor(a.url, world.moderator.personId, sessionId));
    const mees = new NotesSync(transportFor(b.url, world.member.personId, sessionId));
    await Promise.all([mo.connect(), mees.connect()]);
    mo.text.insert(0, "Mo:\nMees:\n");
    await mo.flush();
    await expect.poll(() => mees.text.toString(), { timeout: 10_000 }).toBe("Mo:\nMees:\n");

    const moText = "Loketten sluiten te vroeg. ";
    const meesText = "Budget ontbreekt voor maatwerk. ";
    const tick = () => new Promise<void>((resolve) => setTimeout(resolve, 5));
    const moTyping = type(mo, "Mo:", moText, tick);
    const meesTyping = (async () => {
      await type(mees, "Mees:", meesText.slice(0, 10), tick);
      // Mees's connection drops: the browser goes offline and keeps typing.
      mees.disconnect();
      b.dropConnections();
      await type(mees, `Mees:${meesText.slice(0, 10)}`, meesText.slice(10, 20), tick);
      await mees.connect();
      await type(mees, `Mees:${meesText.slice(0, 20)}`, meesText.slice(20), tick);
    })();
    await Promise.all([moTyping, meesTyping]);
    await Promise.all([mo.flush(), mees.flush()]);

    const expected = `Mo:${moText}\nMees:${meesText}\n`;
    await expect.poll(() => mo.text.toString(), { timeout: 10_000 }).toBe(expected);
    await expect.poll(() => mees.text.toString(), { timeout: 10_000 }).toBe(expected);
    expect(mo.unsent + mees.unsent).toBe(0);
    // The server's own merge of the stored updates says the same, and keeps the history.
    const reader = trpcClientFor(a.url, world.member2.personId);
    const stored = await reader.capture.notes.get.query({ sessionId });
    const doc = new Y.Doc();
    Y.applyUpdate(doc, new Uint8Array(Buffer.from(stored.state, "base64")));
    expect(doc.getText("notes").toString()).toBe(expected);
    expect(stored.canWrite).toBe(false);
    const history = await reader.capture.notes.history.query({ sessionId });
    expect(history.length).toBeGreaterThan(3);
    const first = history.at(-1);
    const textAt = await reader.capture.notes.textAt.query({ sessionId, updateId: first?.id ?? "0" });
    expect(textAt.text).toBe("Mo:\nMees:\n");
    mo.disconnect();
    mees.disconnect();
  });

  it("only moderators and designated note-takers write; garbage is refused with BAD_REQUEST", async () => {
    const world = await captureWorld(primary);
    const sessionId = world.sessions[1]?.id ?? "";
    const member = trpcClientFor(a.url, world.member2.personId);
    const update = Buffer.from(Y.encodeStateAsUpdate(new Y.Doc())).toString("base64");
    await expect(member.capture.notes.push.mutate({ sessionId, update })).rejects.toMatchObject({
      data: { code: "FORBIDDEN" },
    });
    const moderator = trpcClientFor(a.url, world.moderator.personId);
    await expect(
      moderator.capture.notes.push.mutate({ sessionId, update: Buffer.from("niet yjs").toString("base64") }),
    ).rejects.toMatchObject({ data: { code: "BAD_REQUEST" } });
  });

  it("a passage becomes an outcome that keeps pointing at it", async () => {
    const world = await captureWorld(primary);
    const sessionId = world.sessions[2]?.id ?? "";
    const sync = new NotesSync(transportFor(a.url, world.moderator.personId, sessionId));
    await sync.connect();
    sync.text.insert(0, "Intro. De regels zijn te star. Slot.");
    await sync.flush();
    const from = sync.text.toString().indexOf("De regels");
    const to = from + "De regels zijn te star.".length;
    const encode = (index: number) =>
      Buffer.from(Y.encodeRelativePosition(Y.createRelativePositionFromTypeIndex(sync.text, index))).toString(
        "base64",
      );
    const moderator = trpcClientFor(a.url, world.moderator.personId);
    const outcome = await moderator.capture.notes.toOutcome.mutate({
      sessionId,
      kind: "problem",
      text: sync.text.toString().slice(from, to),
      start: encode(from),
      end: encode(to),
    });
    expect(outcome.provenance[0]).toMatchObject({ source: "notes" });
    // Text typed before the passage later does not break the link.
    sync.text.insert(0, "Nieuw begin. ");
    const anchor = outcome.notesAnchor;
    if (!anchor) throw new Error("no anchor");
    const decode = (b64: string) =>
      Y.createAbsolutePositionFromRelativePosition(
        Y.decodeRelativePosition(new Uint8Array(Buffer.from(b64, "base64"))),
        sync.doc,
      )?.index ?? -1;
    expect(sync.text.toString().slice(decode(anchor.start), decode(anchor.end))).toBe(
      "De regels zijn te star.",
    );
    sync.disconnect();
  });
});
