import { execFileSync, spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseEnv } from "node:util";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { loadEnv } from "../env";
import { renderCaddyfile } from "./caddyfile";
import { runSetup, type SetupOptions } from "./setup";

let dir: string;
let options: SetupOptions;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "reeks-setup-"));
  options = {
    domain: "reeks.example.nl",
    publicIp: "203.0.113.10",
    turnDomain: "turn.reeks.example.nl",
    turnIp: "203.0.113.11",
    dataDir: join(dir, "data"),
    outDir: join(dir, "etc"),
    rootDir: join(dir, "reeks"),
    user: "reeks",
    // Any executable: systemd-analyze checks that ExecStart exists.
    livekitBinary: process.execPath,
  };
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function readEnvFile(): Promise<Record<string, string>> {
  return parseEnv(await readFile(join(dir, "etc", "reeks.env"), "utf8")) as Record<string, string>;
}

describe("reeks setup", () => {
  it("writes a production env file, readable by its owner only, that the app accepts", async () => {
    await runSetup(options);
    const file = join(dir, "etc", "reeks.env");
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const values = await readEnvFile();
    expect(values).toMatchObject({
      NODE_ENV: "production",
      PUBLIC_URL: "https://reeks.example.nl",
      HOST: "127.0.0.1",
      LIVEKIT_URL: "ws://127.0.0.1:7880",
      LIVEKIT_PUBLIC_URL: "wss://reeks.example.nl",
      LIVEKIT_NODE_IP: "203.0.113.11",
      LIVEKIT_TURN_DOMAIN: "turn.reeks.example.nl",
      LIVEKIT_TURN_TLS_PORT: "443",
      REEKS_SEED: "none",
      MAIL_FROM: "Reeks <noreply@reeks.example.nl>",
    });
    expect(values.LIVEKIT_API_KEY).not.toBe("devkey");
    expect(values.LIVEKIT_API_SECRET?.length).toBeGreaterThanOrEqual(32);
    expect(values.AUTH_SECRET?.length).toBeGreaterThanOrEqual(32);
    // The app refuses to start until the operator adds their mail server, as the file's comment says.
    expect(() => loadEnv(values)).toThrow(/SMTP_URL is required in production/);
    expect(loadEnv({ ...values, SMTP_URL: "smtp://u:p@mail.example.nl:587" }).NODE_ENV).toBe("production");
    expect((await stat(join(dir, "etc", "livekit.yaml"))).mode & 0o777).toBe(0o600);
  });

  it("keeps the secrets and the operator's own settings when run again", async () => {
    await runSetup(options);
    const first = await readEnvFile();
    const file = join(dir, "etc", "reeks.env");
    await writeFile(file, `${await readFile(file, "utf8")}SMTP_URL=smtp://u:p@mail.example.nl:587\n`);
    await runSetup({ ...options, domain: "webinars.example.nl" });
    const second = await readEnvFile();
    expect(second.AUTH_SECRET).toBe(first.AUTH_SECRET);
    expect(second.LIVEKIT_API_KEY).toBe(first.LIVEKIT_API_KEY);
    expect(second.LIVEKIT_API_SECRET).toBe(first.LIVEKIT_API_SECRET);
    expect(second.SMTP_URL).toBe("smtp://u:p@mail.example.nl:587");
    expect(second.PUBLIC_URL).toBe("https://webinars.example.nl");
    // A fresh folder: new secrets.
    await runSetup({ ...options, outDir: join(dir, "other") });
    const other = parseEnv(await readFile(join(dir, "other", "reeks.env"), "utf8"));
    expect(other.AUTH_SECRET).not.toBe(first.AUTH_SECRET);
  });

  it("configures LiveKit for the internet with the same key pair as the app", async () => {
    await runSetup(options);
    const values = await readEnvFile();
    const config = parse(await readFile(join(dir, "etc", "livekit.yaml"), "utf8"));
    expect(config.keys).toEqual({ [values.LIVEKIT_API_KEY as string]: values.LIVEKIT_API_SECRET });
    expect(config.webhook).toEqual({
      api_key: values.LIVEKIT_API_KEY,
      urls: ["http://127.0.0.1:3000/livekit/webhook"],
    });
    expect(config.rtc).toMatchObject({ node_ip: "203.0.113.11", udp_port: 7882, tcp_port: 7881 });
    expect(config.turn).toMatchObject({ tls_port: 443, udp_port: 3478, bind_addresses: ["203.0.113.11"] });
  });

  it("without a second address: TURN over UDP only, Caddy on every address", async () => {
    const { turnDomain: _d, turnIp: _i, ...single } = options;
    await runSetup(single);
    const config = parse(await readFile(join(dir, "etc", "livekit.yaml"), "utf8"));
    expect(config.rtc.node_ip).toBe("203.0.113.10");
    expect(config.turn).toEqual({
      enabled: true,
      domain: "reeks.example.nl",
      udp_port: 3478,
      bind_addresses: ["0.0.0.0"],
    });
    expect(await readFile(join(dir, "etc", "Caddyfile"), "utf8")).not.toContain("default_bind");
  });

  it("refuses a TURN name without its own address, and bad input, with the flag named", async () => {
    await expect(runSetup({ ...options, turnIp: undefined as unknown as string })).rejects.toThrow(
      /--turn-domain and --turn-ip go together/,
    );
    await expect(runSetup({ ...options, turnIp: options.publicIp })).rejects.toThrow(/--turn-ip must differ/);
    await expect(runSetup({ ...options, publicIp: "my.server" })).rejects.toThrow(/--public-ip my.server/);
    await expect(runSetup({ ...options, domain: "https://x" })).rejects.toThrow(/--domain/);
  });

  it("writes units that systemd accepts: restart on failure, at boot, unprivileged and hardened", async () => {
    const result = await runSetup(options);
    const app = await readFile(result.appUnit, "utf8");
    const livekit = await readFile(result.livekitUnit, "utf8");
    for (const unit of [app, livekit]) {
      for (const line of [
        "Restart=on-failure",
        "WantedBy=multi-user.target",
        "User=reeks",
        "ProtectSystem=strict",
        "ProtectHome=yes",
        "NoNewPrivileges=yes",
        "PrivateTmp=yes",
      ]) {
        expect(unit).toContain(`\n${line}\n`);
      }
    }
    expect(app).toContain(`\nReadWritePaths=${join(dir, "data")}\n`);
    expect(app).toContain("\nAmbientCapabilities=\n");
    // TURN over TLS on 443 is the one reason for a capability.
    expect(livekit).toContain("\nAmbientCapabilities=CAP_NET_BIND_SERVICE\n");
    expect(livekit).toContain(`LoadCredential=livekit.yaml:${result.livekitConfig}`);
    const verify = spawnSync("systemd-analyze", ["verify", result.appUnit, result.livekitUnit], {
      encoding: "utf8",
    });
    expect(verify.error).toBeUndefined();
    expect(`${verify.stdout}${verify.stderr}`).toBe("");
    expect(verify.status).toBe(0);
  });
});

describe("the Caddyfile", () => {
  /** Caddy's own parser: the JSON it would run. */
  function adapt(caddyfile: string): string {
    const file = join(dir, "Caddyfile");
    execFileSync("mkdir", ["-p", dir]);
    writeFileSync(file, caddyfile);
    return execFileSync("caddy", ["adapt", "--adapter", "caddyfile", "--config", file], { encoding: "utf8" });
  }

  it("proxies LiveKit signalling, streams SSE unbuffered and hides the dev outbox and metrics", () => {
    const json = JSON.parse(
      adapt(
        renderCaddyfile({
          domain: "reeks.example.nl",
          bindAddress: "203.0.113.10",
          appPort: 3000,
          livekitPort: 7880,
        }),
      ),
    );
    const server = Object.values(json.apps.http.servers)[0] as { listen: string[]; routes: unknown[] };
    expect(server.listen).toEqual(["203.0.113.10:443"]);
    const text = JSON.stringify(server.routes);
    expect(text).toContain('"path":["/rtc","/rtc/*"]');
    expect(text).toContain('"dial":"127.0.0.1:7880"');
    expect(text).toContain('"dial":"127.0.0.1:3000"');
    expect(text).toContain('"flush_interval":-1');
    expect(text).toContain('"path":["/api/dev/*","/metrics"]');
  });

  it("uses given certificates instead of ACME when told", () => {
    const json = adapt(
      renderCaddyfile({
        domain: "reeks.test",
        appPort: 3000,
        livekitPort: 7880,
        tls: { certFile: "/tmp/leaf.pem", keyFile: "/tmp/leaf.key" },
      }),
    );
    expect(json).toContain('"certificate":"/tmp/leaf.pem"');
  });
});
