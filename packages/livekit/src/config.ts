import { stringify } from "yaml";

export interface DevServerPorts {
  /** HTTP and WebSocket signalling. */
  http: number;
  /** ICE over TCP, for clients whose UDP is blocked. */
  rtcTcp: number;
  /** ICE over UDP, multiplexed on one port. */
  rtcUdp: number;
}

export const DEFAULT_PORTS: DevServerPorts = { http: 7880, rtcTcp: 7881, rtcUdp: 7882 };

export interface DevServerConfig {
  ports: DevServerPorts;
  apiKey: string;
  apiSecret: string;
  /** Where livekit-server posts its webhooks, i.e. our server's /livekit/webhook. */
  webhookUrl?: string;
}

/** livekit-server configuration for a single local node on 127.0.0.1. */
export function renderDevConfig(config: DevServerConfig): string {
  return stringify({
    port: config.ports.http,
    bind_addresses: ["127.0.0.1"],
    rtc: {
      tcp_port: config.ports.rtcTcp,
      udp_port: config.ports.rtcUdp,
      use_external_ip: false,
      node_ip: "127.0.0.1",
    },
    keys: { [config.apiKey]: config.apiSecret },
    // JSON lines: after a crash of the app, its undelivered webhooks are read back from this log.
    logging: { level: "info", json: true },
    room: { empty_timeout: 300, departure_timeout: 20 },
    ...(config.webhookUrl ? { webhook: { api_key: config.apiKey, urls: [config.webhookUrl] } } : {}),
  });
}
