import { join } from "node:path";
import {
  type LivekitConnection,
  type StartLivekitOptions,
  startLivekitServer,
  type UndeliveredLeave,
} from "@reeks/livekit";
import type { Env } from "./env";

export interface ProvidedLivekit {
  connection: LivekitConnection;
  publicUrl: string;
  /** The embedded livekit-server's pid, when it is ours. */
  pid: number | null;
  /** Whether the embedded server was left running by an earlier run and taken over. */
  adopted: boolean;
  /** Leaves our server could not deliver as webhooks (the app was down); none for an external one. */
  undeliveredLeaves(): Promise<UndeliveredLeave[]>;
  /** Stops our server (started or adopted); does nothing for an external one. */
  stop(): Promise<void>;
}

/**
 * An existing server from LIVEKIT_URL, or our own livekit-server beside the app, with the key pair
 * of LIVEKIT_API_KEY/LIVEKIT_API_SECRET or else one of its own kept in the data folder. Ours outlives a crash of the app (calls go on) and is taken over
 * by the next start; `stop()` (a normal shutdown) ends it.
 */
export async function provideLivekit(env: Env, log: (line: string) => void): Promise<ProvidedLivekit> {
  if (env.LIVEKIT_URL && env.LIVEKIT_API_KEY && env.LIVEKIT_API_SECRET) {
    const connection = {
      url: env.LIVEKIT_URL,
      apiKey: env.LIVEKIT_API_KEY,
      apiSecret: env.LIVEKIT_API_SECRET,
    };
    return {
      connection,
      publicUrl: env.LIVEKIT_PUBLIC_URL ?? env.LIVEKIT_URL,
      pid: null,
      adopted: false,
      undeliveredLeaves: async () => [],
      stop: async () => {},
    };
  }
  const running = await startLivekitServer({
    workDir: join(env.REEKS_DATA_DIR, "livekit"),
    ...(env.LIVEKIT_API_KEY && env.LIVEKIT_API_SECRET
      ? { apiKey: env.LIVEKIT_API_KEY, apiSecret: env.LIVEKIT_API_SECRET }
      : {}),
    ...(env.NODE_ENV === "production" ? { production: productionLivekit(env) } : {}),
    ports: { http: env.LIVEKIT_PORT, rtcTcp: env.LIVEKIT_PORT + 1, rtcUdp: env.LIVEKIT_PORT + 2 },
    webhookUrl: `http://127.0.0.1:${env.PORT}/livekit/webhook`,
    outliveParent: true,
    // Production: the pair from the env file (required there, see env.ts), the same on every start.
    ...(env.LIVEKIT_API_KEY && env.LIVEKIT_API_SECRET
      ? { apiKey: env.LIVEKIT_API_KEY, apiSecret: env.LIVEKIT_API_SECRET }
      : {}),
    log,
  });
  log(`livekit-server ${running.adopted ? "adopted" : "listening"} on ${running.url} (pid ${running.pid})`);
  return {
    connection: { url: running.url, apiKey: running.apiKey, apiSecret: running.apiSecret },
    publicUrl: env.LIVEKIT_PUBLIC_URL ?? running.url,
    pid: running.pid,
    adopted: running.adopted,
    undeliveredLeaves: running.undeliveredLeaves,
    stop: running.stop,
  };
}

/** The embedded server for the internet: public address, ICE/TCP and TURN from the environment. */
export function productionLivekit(env: Env): NonNullable<StartLivekitOptions["production"]> {
  return {
    ...(env.LIVEKIT_NODE_IP ? { nodeIp: env.LIVEKIT_NODE_IP } : {}),
    signalBindAddresses: ["127.0.0.1"],
    ...(env.LIVEKIT_TURN_IP ? { mediaAddress: env.LIVEKIT_TURN_IP } : {}),
    ...(env.LIVEKIT_TURN_DOMAIN
      ? {
          turn: {
            domain: env.LIVEKIT_TURN_DOMAIN,
            udpPort: env.LIVEKIT_TURN_UDP_PORT,
            tlsPort: env.LIVEKIT_TURN_TLS_PORT,
            ...(env.LIVEKIT_TURN_CERT_FILE ? { certFile: env.LIVEKIT_TURN_CERT_FILE } : {}),
            ...(env.LIVEKIT_TURN_KEY_FILE ? { keyFile: env.LIVEKIT_TURN_KEY_FILE } : {}),
            bindAddresses: [env.LIVEKIT_TURN_IP ?? "0.0.0.0"],
          },
        }
      : {}),
  };
}
