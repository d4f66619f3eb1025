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

// JSON lines: after a crash of the app, its undelivered webhooks are read back from this log.
const LOGGING = { level: "info", json: true };
const ROOM = { empty_timeout: 300, departure_timeout: 20 };

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
    logging: LOGGING,
    room: ROOM,
    ...(config.webhookUrl ? { webhook: { api_key: config.apiKey, urls: [config.webhookUrl] } } : {}),
  });
}

export interface TurnConfig {
  /** The name in the certificate; browsers get `turns:<domain>:443`, whatever `tlsPort` is. */
  domain: string;
  /** TURN over UDP (also serves as STUN); 0: off. */
  udpPort: number;
  /** TURN over TLS; 0: off. LiveKit always advertises 443, so this is 443 unless a proxy or DNAT maps it. */
  tlsPort: number;
  certFile?: string;
  keyFile?: string;
  /** Addresses TURN listens on: its own address, so that a web front may hold 443 on the main one. */
  bindAddresses: string[];
}

export interface ProductionServerConfig extends DevServerConfig {
  /** Address advertised in ICE candidates: the server's public address. Unset: LiveKit finds it by STUN. */
  nodeIp?: string;
  /**
   * Where signalling (HTTP/WS) listens. Loopback behind a TLS front (Caddy), which is how browsers
   * reach it as wss://; media ports listen on every interface regardless.
   */
  signalBindAddresses: string[];
  /**
   * The one local address media uses (ICE/UDP, ICE/TCP), on a machine with several. Without it the
   * server may send from another of its addresses than the one it advertises: TURN then finds no
   * permission for the peer, and ICE/TCP connections are matched to no session.
   */
  mediaAddress?: string;
  turn?: TurnConfig;
}

/**
 * livekit-server configuration for the internet: media on one UDP mux port and ICE/TCP, the public
 * address in candidates, the built-in TURN over UDP and TLS for networks that let only TCP 443 out,
 * webhooks signed with the generated key. No `--dev`: keys come only from here.
 */
export function renderProductionConfig(config: ProductionServerConfig): string {
  const turn = config.turn;
  if (turn && turn.tlsPort > 0 && !(turn.certFile && turn.keyFile)) {
    throw new Error(
      "TURN over TLS needs a certificate and key file (LIVEKIT_TURN_CERT_FILE, LIVEKIT_TURN_KEY_FILE)",
    );
  }
  return stringify({
    port: config.ports.http,
    bind_addresses: config.signalBindAddresses,
    rtc: {
      tcp_port: config.ports.rtcTcp,
      udp_port: config.ports.rtcUdp,
      ...(config.nodeIp ? { node_ip: config.nodeIp, use_external_ip: false } : { use_external_ip: true }),
      ...(config.mediaAddress ? { ips: { includes: [`${config.mediaAddress}/32`] } } : {}),
      // Rather a TCP or TURN/TLS path than none on a network that lets no UDP through.
      allow_tcp_fallback: true,
    },
    ...(turn
      ? {
          turn: {
            enabled: true,
            domain: turn.domain,
            ...(turn.udpPort > 0 ? { udp_port: turn.udpPort } : {}),
            ...(turn.tlsPort > 0
              ? { tls_port: turn.tlsPort, cert_file: turn.certFile, key_file: turn.keyFile }
              : {}),
            bind_addresses: turn.bindAddresses,
          },
        }
      : {}),
    keys: { [config.apiKey]: config.apiSecret },
    logging: LOGGING,
    room: ROOM,
    ...(config.webhookUrl ? { webhook: { api_key: config.apiKey, urls: [config.webhookUrl] } } : {}),
  });
}
