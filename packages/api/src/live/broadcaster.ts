import type { DatabaseHandle } from "@reeks/db";
import { latestEventId, liveHubFor, readEventsAfter } from "./hub";
import { perDatabase } from "./per-database";
import type { LiveEventRecord } from "./publish";
import { CONNECTED_FRAME, dataFrame, LIVE_SSE_OPTIONS, PING_FRAME } from "./sse";
import { parseEventId } from "./stream";

/** Where a stream's frames go: a Node ServerResponse in production, anything alike in tests. */
export interface FrameSink {
  write(frame: string): unknown;
  /** Bytes written but not yet taken by the client. */
  readonly writableLength: number;
  destroy(): void;
  on(event: "close", listener: () => void): unknown;
}

/** What one stream shows: the events of a series it wants, each as its viewer may see it. */
export interface LiveTarget {
  seriesId: string;
  /**
   * Streams with the same key see every event the same way, so its frame is built once for all of
   * them. It must cover everything `view` depends on (session, viewer, role).
   */
  viewKey: string;
  /**
   * For an event that every stream sharing this key shows alike, whoever is watching (a chat
   * message, say): its frame is then built once for all of them instead of once per `viewKey`.
   */
  sharedKey?(event: LiveEventRecord): string | null;
  /** The event as this stream shows it, or null when the stream skips it. */
  view(event: LiveEventRecord): unknown | null;
}

interface Stream {
  sink: FrameSink;
  target: LiveTarget;
  /** The newest event id delivered or skipped: nothing at or below it is sent again. */
  cursor: bigint;
  /** While the stream reads the log, events that arrive live wait here (in order). */
  waiting: LiveEventRecord[] | null;
  /** A resync arrived while the log was being read: read it again afterwards. */
  readAgain: boolean;
  closed: boolean;
}

/**
 * A client that takes less than it is sent would make the server buffer without limit. Past this
 * many unsent bytes its stream is dropped; its EventSource reconnects with its last event id and
 * catches up from the log.
 */
const MAX_UNSENT_BYTES = 1 << 20;
const PAGE = 500;

/**
 * Serves live streams of one API instance straight onto their responses. Each event heard from the
 * instance's LiveHub is turned into a frame once per distinct view and written to every stream that
 * shows it, instead of travelling through an async generator and a chain of web streams per
 * subscriber, which at a thousand subscribers was most of the fan-out time.
 *
 * The resume rules are those of `liveStream`: a stream attaches to the hub before it reads the log,
 * and drops anything at or below its cursor, so an event in both is delivered once and none is lost.
 */
export class LiveBroadcaster {
  private readonly streams = new Map<string, Set<Stream>>();
  private readonly unsubscribe = new Map<string, () => void>();
  /** Streams reading the log; live events wait for them in `waiting`. */
  private readonly reading = new Set<Stream>();
  private pinger: NodeJS.Timeout | null = null;

  constructor(private readonly database: DatabaseHandle) {}

  /** Starts a stream after `lastEventId` (or from now, without one). Resolves once it is live. */
  async attach(sink: FrameSink, target: LiveTarget, lastEventId: string | null): Promise<void> {
    const stream: Stream = { sink, target, cursor: 0n, waiting: [], readAgain: false, closed: false };
    sink.write(CONNECTED_FRAME);
    // Reading from the start: live events wait, and a resync only asks for another read.
    this.reading.add(stream);
    this.add(stream);
    sink.on("close", () => this.remove(stream));
    try {
      await liveHubFor(this.database).ready();
      const resumeAfter = parseEventId(lastEventId);
      if (resumeAfter === null) {
        stream.cursor = BigInt(await latestEventId(this.database, target.seriesId));
      } else {
        stream.cursor = resumeAfter;
        stream.readAgain = true;
      }
      await this.readLog(stream);
    } catch (error) {
      // The client reconnects and resumes; better than a stream that silently misses events.
      sink.destroy();
      throw error;
    }
  }

  close(): void {
    for (const set of this.streams.values()) for (const stream of set) stream.sink.destroy();
    for (const stop of this.unsubscribe.values()) stop();
    this.streams.clear();
    this.unsubscribe.clear();
    this.stopPinging();
  }

  private add(stream: Stream) {
    const { seriesId } = stream.target;
    let set = this.streams.get(seriesId);
    if (!set) {
      const created = new Set<Stream>();
      set = created;
      this.streams.set(seriesId, created);
      const stop = liveHubFor(this.database).subscribe(seriesId, {
        event: (record) => this.dispatch(created, record),
        resync: () => {
          for (const stream of created) this.resync(stream);
        },
      });
      this.unsubscribe.set(seriesId, stop);
    }
    set.add(stream);
    this.startPinging();
  }

  private remove(stream: Stream) {
    stream.closed = true;
    const { seriesId } = stream.target;
    const set = this.streams.get(seriesId);
    if (!set) return;
    set.delete(stream);
    if (set.size === 0) {
      this.streams.delete(seriesId);
      this.unsubscribe.get(seriesId)?.();
      this.unsubscribe.delete(seriesId);
    }
    if (this.streams.size === 0) this.stopPinging();
  }

  private dispatch(streams: Set<Stream>, record: LiveEventRecord) {
    const id = BigInt(record.id);
    // One frame per distinct view of this event (null: those streams skip it).
    const frames = new Map<string, string | null>();
    for (const stream of streams) {
      if (stream.waiting) stream.waiting.push(record);
      else this.deliver(stream, record, id, frames);
    }
  }

  /** `frames`: the frames of this one event built so far, by view key. */
  private deliver(stream: Stream, record: LiveEventRecord, id: bigint, frames: Map<string, string | null>) {
    if (id <= stream.cursor || stream.closed) return;
    stream.cursor = id;
    const key = stream.target.sharedKey?.(record) ?? stream.target.viewKey;
    let frame = frames.get(key);
    if (frame === undefined) {
      const view = stream.target.view(record);
      frame = view === null ? null : dataFrame(record.id, view);
      frames.set(key, frame);
    }
    if (frame === null) return;
    if (stream.sink.writableLength > MAX_UNSENT_BYTES) {
      stream.sink.destroy();
      return;
    }
    stream.sink.write(frame);
  }

  /** The instance may have missed notifications: every stream of the series reads the log. */
  private resync(stream: Stream) {
    stream.readAgain = true;
    if (this.reading.has(stream)) return;
    this.reading.add(stream);
    stream.waiting = [];
    void this.readLog(stream).catch(() => stream.sink.destroy());
  }

  /** Reads the log after the stream's cursor (again, while asked to), then lets the waiting through. */
  private async readLog(stream: Stream): Promise<void> {
    try {
      while (stream.readAgain && !stream.closed) {
        stream.readAgain = false;
        for (;;) {
          if (stream.closed) return;
          const page = await readEventsAfter(this.database, {
            seriesId: stream.target.seriesId,
            afterId: stream.cursor,
            limit: PAGE,
          });
          for (const record of page) this.deliver(stream, record, BigInt(record.id), new Map());
          if (page.length < PAGE) break;
        }
      }
      this.flushWaiting(stream);
    } finally {
      this.reading.delete(stream);
    }
  }

  private flushWaiting(stream: Stream) {
    const waiting = stream.waiting ?? [];
    stream.waiting = null;
    for (const record of waiting) this.deliver(stream, record, BigInt(record.id), new Map());
  }

  private startPinging() {
    if (this.pinger) return;
    this.pinger = setInterval(() => {
      for (const set of this.streams.values()) for (const stream of set) stream.sink.write(PING_FRAME);
    }, LIVE_SSE_OPTIONS.ping.intervalMs);
    this.pinger.unref();
  }

  private stopPinging() {
    if (this.pinger) clearInterval(this.pinger);
    this.pinger = null;
  }
}

/** The broadcaster of this database handle (one per API instance, like its LiveHub). */
export const liveBroadcasterFor = perDatabase((database) => new LiveBroadcaster(database));
