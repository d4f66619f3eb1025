import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { DEFAULT_PORTS, renderDevConfig, renderProductionConfig } from "./config";

const keys = { apiKey: "APIabc123def456", apiSecret: "s".repeat(43) };

describe("renderProductionConfig", () => {
  const base = {
    ports: DEFAULT_PORTS,
    ...keys,
    webhookUrl: "http://127.0.0.1:3000/livekit/webhook",
    signalBindAddresses: ["127.0.0.1"],
  };

  it("advertises the public address, one UDP port and ICE/TCP, with a webhook signed by the key", () => {
    const config = parse(renderProductionConfig({ ...base, nodeIp: "203.0.113.10" }));
    expect(config.bind_addresses).toEqual(["127.0.0.1"]);
    expect(config.rtc).toMatchObject({
      node_ip: "203.0.113.10",
      use_external_ip: false,
      udp_port: 7882,
      tcp_port: 7881,
    });
    expect(config.keys).toEqual({ [keys.apiKey]: keys.apiSecret });
    expect(config.webhook).toEqual({ api_key: keys.apiKey, urls: [base.webhookUrl] });
    expect(config.turn).toBeUndefined();
    expect(config.development).toBeUndefined();
  });

  it("finds its address by STUN when none is given", () => {
    expect(parse(renderProductionConfig(base)).rtc).toMatchObject({ use_external_ip: true });
    expect(parse(renderProductionConfig(base)).rtc.node_ip).toBeUndefined();
  });

  it("runs TURN over UDP and TLS on its own address with the certificate files", () => {
    const config = parse(
      renderProductionConfig({
        ...base,
        nodeIp: "203.0.113.11",
        mediaAddress: "203.0.113.11",
        turn: {
          domain: "turn.example.nl",
          udpPort: 3478,
          tlsPort: 443,
          certFile: "/etc/reeks/turn/fullchain.pem",
          keyFile: "/etc/reeks/turn/privkey.pem",
          bindAddresses: ["203.0.113.11"],
        },
      }),
    );
    // Media only from the address TURN and the candidates name (the machine's other one is Caddy's).
    expect(config.rtc.ips).toEqual({ includes: ["203.0.113.11/32"] });
    expect(config.turn).toEqual({
      enabled: true,
      domain: "turn.example.nl",
      udp_port: 3478,
      tls_port: 443,
      cert_file: "/etc/reeks/turn/fullchain.pem",
      key_file: "/etc/reeks/turn/privkey.pem",
      bind_addresses: ["203.0.113.11"],
    });
  });

  it("refuses TURN over TLS without a certificate", () => {
    expect(() =>
      renderProductionConfig({
        ...base,
        turn: { domain: "turn.example.nl", udpPort: 3478, tlsPort: 443, bindAddresses: ["0.0.0.0"] },
      }),
    ).toThrow(/certificate and key file/);
  });

  it("differs from the dev config, which stays on loopback", () => {
    const dev = parse(renderDevConfig({ ports: DEFAULT_PORTS, ...keys }));
    expect(dev.rtc.node_ip).toBe("127.0.0.1");
  });
});
