import type { BrowserContext, Page } from "playwright-core";

/**
 * WebRTC as the browser sees it: every RTCPeerConnection a page makes is kept (by an init script, so
 * LiveKit's own are included) and read with getStats(): bytes received per kind, and the candidate
 * pair ICE selected, i.e. the path the media took.
 */
export async function recordPeerConnections(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const Native = window.RTCPeerConnection;
    const all: RTCPeerConnection[] = [];
    (window as unknown as { __peerConnections: RTCPeerConnection[] }).__peerConnections = all;
    window.RTCPeerConnection = class extends Native {
      constructor(configuration?: RTCConfiguration) {
        super(configuration);
        all.push(this);
      }
    };
  });
}

export interface CandidateInfo {
  candidateType: string;
  protocol: string;
  address: string;
  port: number;
  relayProtocol?: string;
}

export interface MediaStats {
  audioBytesReceived: number;
  videoBytesReceived: number;
  videoFramesDecoded: number;
  /** The selected pair of every live connection that has one. */
  paths: Array<{ local: CandidateInfo; remote: CandidateInfo }>;
}

export function mediaStats(page: Page): Promise<MediaStats> {
  return page.evaluate(async () => {
    const connections =
      (window as unknown as { __peerConnections?: RTCPeerConnection[] }).__peerConnections ?? [];
    const result = {
      audioBytesReceived: 0,
      videoBytesReceived: 0,
      videoFramesDecoded: 0,
      paths: [] as Array<{ local: CandidateInfo; remote: CandidateInfo }>,
    };
    for (const pc of connections) {
      if (pc.connectionState === "closed") continue;
      const stats = await pc.getStats();
      const byId = new Map<string, Record<string, unknown>>();
      stats.forEach((s: Record<string, unknown>) => {
        byId.set(s.id as string, s);
      });
      for (const s of byId.values()) {
        if (s.type === "inbound-rtp" && s.kind === "audio")
          result.audioBytesReceived += Number(s.bytesReceived ?? 0);
        if (s.type === "inbound-rtp" && s.kind === "video") {
          result.videoBytesReceived += Number(s.bytesReceived ?? 0);
          result.videoFramesDecoded += Number(s.framesDecoded ?? 0);
        }
        if (s.type === "transport" && s.selectedCandidatePairId) {
          const pair = byId.get(s.selectedCandidatePairId as string);
          if (!pair) continue;
          // No helper function here: a named one would be wrapped in tsx's __name(), unknown in the page.
          const [local, remote] = [pair.localCandidateId, pair.remoteCandidateId].map((id): CandidateInfo => {
            const c = byId.get(id as string) ?? {};
            return {
              candidateType: String(c.candidateType),
              protocol: String(c.protocol),
              address: String(c.address ?? c.ip ?? ""),
              port: Number(c.port),
              ...(c.relayProtocol ? { relayProtocol: String(c.relayProtocol) } : {}),
            };
          });
          if (local && remote) result.paths.push({ local, remote });
        }
      }
    }
    return result;
  });
}
