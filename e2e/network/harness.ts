import { existsSync } from "node:fs";
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseEnv } from "node:util";
import { createDatabase, type Database, migrate, seedDemoSeries } from "@reeks/db";
import { ensureLivekitBinary } from "@reeks/livekit";
import { productionStartCommand, runSetup } from "@reeks/server/production";
import { type Postgres, startPostgres } from "@reeks/testing/postgres";
import { type Browser, chromium, type Page } from "playwright-core";
import { makeTestCertificates } from "./certificates";
import { createNetworkLab, type NetworkLab, SERVER_MEDIA_IP, SERVER_WEB_IP } from "./namespaces";

export const DOMAIN = "reeks.test";
export const TURN_DOMAIN = "turn.reeks.test";
export const ORIGIN = `https://${DOMAIN}`;
const MAIL_PORT = 2525;
const root = fileURLToPath(new URL("../..", import.meta.url));

/**
 * Reeks as an operator deploys it, in the server namespace: `reeks setup` output, Caddy with a
 * certificate from a test CA, livekit-server on setup's livekit.yaml (TURN over UDP and TLS), the app
 * by the units' start command on PostgreSQL; and a Chromium in the member namespace that trusts
 * the test certificate and resolves reeks.test and turn.reeks.test to the server's two addresses.
 */
export interface CrossNetworkReeks {
  lab: NetworkLab;
  db: Database;
  browser: Browser;
  /** Sign-in mails the app sent (read from the mail sink inside the server namespace). */
  mails(): Promise<Array<{ id: number; to: string[]; text: string }>>;
  /** Log files, for a failure's message. */
  logs(): Promise<string>;
  stop(): Promise<void>;
}

async function waitFor<T>(what: string, check: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (error) {
      lastError = error;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`Timed out waiting for ${what}${lastError ? `: ${String(lastError)}` : ""}`);
}

export async function startCrossNetworkReeks(): Promise<CrossNetworkReeks> {
  const webDist = join(root, "apps/web/dist/index.html");
  if (!existsSync(webDist)) throw new Error("Build the web app first: pnpm --filter @reeks/web build");
  const start = productionStartCommand(root);
  if (!existsSync(start.args[0] ?? ""))
    throw new Error("Build the server first: pnpm --filter @reeks/server build");
  const dir = await mkdtemp(join(tmpdir(), "reeks-net-"));
  const lab = createNetworkLab(String(process.pid));
  let postgres: Postgres | null = null;
  let browser: Browser | null = null;
  let closeDb: (() => Promise<void>) | null = null;
  const logNames = ["livekit", "app", "caddy", "mail"];
  const logs = async () => {
    const parts: string[] = [];
    for (const name of logNames) {
      const text = await readFile(join(dir, `${name}.log`), "utf8").catch(() => "");
      parts.push(`── ${name}.log (end) ──\n${text.split("\n").slice(-25).join("\n")}`);
    }
    return parts.join("\n");
  };
  const stop = async () => {
    await browser?.close().catch(() => {});
    await lab.destroy();
    await closeDb?.().catch(() => {});
    postgres?.stop();
    // REEKS_NETWORK_KEEP=1 keeps the configs and logs for a look after a failure.
    if (process.env.REEKS_NETWORK_KEEP) console.log(`kept ${dir}`);
    else await rm(dir, { recursive: true, force: true });
  };
  try {
    const certs = makeTestCertificates(dir, [DOMAIN, TURN_DOMAIN]);
    postgres = startPostgres(Number(process.env.REEKS_TEST_PG_PORT ?? 54329) + 3);
    const livekitBinary = join(dir, "livekit-server");
    await copyFile(await ensureLivekitBinary(), livekitBinary);

    // What the operator runs, with the test CA's certificate instead of ACME.
    const setup = await runSetup({
      domain: DOMAIN,
      publicIp: SERVER_WEB_IP,
      turnDomain: TURN_DOMAIN,
      turnIp: SERVER_MEDIA_IP,
      dataDir: join(dir, "data"),
      outDir: join(dir, "etc"),
      rootDir: root,
      user: "reeks",
      livekitBinary,
      caddyTls: { certFile: certs.certFile, keyFile: certs.keyFile },
    });
    // Where certbot's hook would put the TURN certificate.
    const { LIVEKIT_TURN_CERT_FILE, LIVEKIT_TURN_KEY_FILE } = setup.env;
    if (!LIVEKIT_TURN_CERT_FILE || !LIVEKIT_TURN_KEY_FILE)
      throw new Error("setup wrote no TURN certificate paths");
    await mkdir(join(dir, "etc", "turn"), { recursive: true });
    await copyFile(certs.certFile, LIVEKIT_TURN_CERT_FILE);
    await copyFile(certs.keyFile, LIVEKIT_TURN_KEY_FILE);

    // The demo series and its people, on the database the app will use.
    const handle = createDatabase({ kind: "postgres", url: postgres.url });
    closeDb = () => handle.close();
    await migrate(handle);
    await seedDemoSeries(handle.db);

    const baseEnv = { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: dir, LANG: "C.UTF-8" };
    const mailFile = join(dir, "mails.jsonl");
    await writeFile(mailFile, "");
    lab.spawnIn(
      lab.server,
      process.execPath,
      ["--import", "tsx", join(root, "e2e/network/mail-sink.ts"), String(MAIL_PORT), mailFile],
      {
        logFile: join(dir, "mail.log"),
        env: baseEnv,
        cwd: root,
      },
    );
    if (process.env.REEKS_NETWORK_DEBUG) {
      const yaml = await readFile(setup.livekitConfig, "utf8");
      await writeFile(setup.livekitConfig, yaml.replace("level: info", "level: debug\n  pion_level: debug"));
    }
    lab.spawnIn(lab.server, livekitBinary, ["--config", setup.livekitConfig], {
      logFile: join(dir, "livekit.log"),
      env: baseEnv,
    });
    // The app as its systemd unit starts it: the env file, plus what the operator edits in.
    const envFile = parseEnv(await readFile(setup.envFile, "utf8"));
    lab.spawnIn(lab.server, start.command, start.args, {
      logFile: join(dir, "app.log"),
      env: {
        ...baseEnv,
        ...envFile,
        DATABASE_URL: `postgres://reeks@localhost/postgres?host=${postgres.socketDir}&port=${postgres.port}`,
        SMTP_URL: `smtp://127.0.0.1:${MAIL_PORT}`,
      },
      cwd: join(root, "apps/server"),
    });
    lab.spawnIn(lab.server, "caddy", ["run", "--adapter", "caddyfile", "--config", setup.caddyfile], {
      logFile: join(dir, "caddy.log"),
      env: { ...baseEnv, XDG_DATA_HOME: join(dir, "caddy-data"), XDG_CONFIG_HOME: join(dir, "caddy-config") },
    });

    // Debian's Chromium in the member's network, by a wrapper playwright-core runs as its browser.
    const wrapper = join(dir, "chromium-member");
    await writeFile(wrapper, `#!/bin/sh\nexec ip netns exec ${lab.member} /usr/bin/chromium "$@"\n`, {
      mode: 0o755,
    });
    browser = await chromium.launch({
      executablePath: wrapper,
      headless: true,
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--use-fake-device-for-media-stream",
        "--use-fake-ui-for-media-stream",
        `--host-resolver-rules=MAP ${DOMAIN} ${SERVER_WEB_IP}, MAP ${TURN_DOMAIN} ${SERVER_MEDIA_IP}`,
        `--ignore-certificate-errors-spki-list=${certs.spkiHash}`,
      ],
    });
    const probe = await browser.newPage();
    const liveBrowser = browser;
    await waitFor(
      "Reeks to answer https://reeks.test/healthz through Caddy",
      async () => {
        const response = await probe.goto(`${ORIGIN}/healthz`, { timeout: 5_000 });
        return response?.status() === 200 ? true : undefined;
      },
      90_000,
    ).catch(async (error: Error) => {
      throw new Error(`${error.message}\n${await logs()}`);
    });
    await probe.close();
    return {
      lab,
      db: handle.db,
      browser: liveBrowser,
      mails: async () =>
        (await readFile(mailFile, "utf8"))
          .split("\n")
          .filter(Boolean)
          .map((line) => JSON.parse(line) as { id: number; to: string[]; text: string }),
      logs,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * Signs a person in from a page in the member's network by the real magic-link flow: the request from
 * the page (same origin), the mail from the sink in the server's namespace, the link followed.
 */
export async function signInThroughMail(reeks: CrossNetworkReeks, page: Page, email: string): Promise<void> {
  await page.goto(ORIGIN);
  const before = Math.max(0, ...(await reeks.mails()).map((m) => m.id));
  const status = await page.evaluate(async (address) => {
    const response = await fetch("/api/auth/sign-in/magic-link", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: address, callbackURL: "/" }),
    });
    return response.status;
  }, email);
  if (status !== 200) throw new Error(`sign-in request for ${email} answered ${status}`);
  const link = await waitFor(
    `the sign-in mail for ${email}`,
    async () =>
      (await reeks.mails())
        .find((m) => m.id > before && m.to.includes(email))
        ?.text.match(/https:\/\/reeks\.test\/api\/auth\/magic-link\/verify\?\S+/)?.[0],
    20_000,
  ).catch(async (error: Error) => {
    throw new Error(`${error.message}\n${await reeks.logs()}`);
  });
  await page.goto(link);
}
