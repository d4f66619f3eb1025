import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { closeSync, openSync } from "node:fs";

/**
 * Two networks on one machine: a "server" namespace (web front on 198.51.100.10, LiveKit's media on
 * 198.51.100.11) and a "member" namespace (192.0.2.10) routed to it over one veth pair, the server
 * namespace being the member's gateway. Nothing reaches the host or beyond; each namespace has its own
 * loopback, so ports inside cannot clash with anything else on the machine.
 */
export const SERVER_WEB_IP = "198.51.100.10";
export const SERVER_MEDIA_IP = "198.51.100.11";
export const MEMBER_IP = "192.0.2.10";
const GATEWAY_IP = "192.0.2.1";

export type MemberFirewall = "open" | "no-udp" | "tcp-443-only";

export interface NetworkLab {
  server: string;
  member: string;
  /** Starts a process inside a namespace, in its own process group, output to `logFile`. */
  spawnIn(namespace: string, command: string, args: string[], options: SpawnInOptions): ChildProcess;
  /** What the member's network lets out. */
  setMemberFirewall(firewall: MemberFirewall): void;
  /** Stops every process started here and removes both namespaces; safe to call twice. */
  destroy(): Promise<void>;
}

export interface SpawnInOptions {
  logFile: string;
  env: NodeJS.ProcessEnv;
  cwd?: string;
}

function run(command: string, args: string[], input?: string): string {
  return execFileSync(command, args, { encoding: "utf8", stdio: ["pipe", "pipe", "pipe"], input });
}

function tryRun(command: string, args: string[]): void {
  try {
    run(command, args);
  } catch {
    // already gone
  }
}

const RULES: Record<Exclude<MemberFirewall, "open">, string> = {
  // A network that lets no UDP out: no UDP media, no TURN over UDP, no STUN.
  "no-udp": "meta l4proto udp drop",
  // A municipal network that lets out little more than HTTPS.
  "tcp-443-only": 'oifname "lo" accept\n    tcp dport 443 accept\n    drop',
};

/** Creates both namespaces; fails with what to do when this machine cannot make them. */
export function createNetworkLab(tag: string): NetworkLab {
  const server = `rk-srv-${tag}`;
  const member = `rk-mem-${tag}`;
  const serverLink = `rks${tag}`.slice(0, 15);
  const memberLink = `rkm${tag}`.slice(0, 15);
  const children: ChildProcess[] = [];
  for (const ns of [server, member]) tryRun("ip", ["netns", "del", ns]);
  try {
    run("ip", ["netns", "add", server]);
    run("ip", ["netns", "add", member]);
  } catch (error) {
    tryRun("ip", ["netns", "del", server]);
    throw new Error(
      `Cannot create network namespaces (\`ip netns add\` needs root with CAP_SYS_ADMIN, and iproute2): ${
        (error as { stderr?: string }).stderr?.trim() || (error as Error).message
      }. The cross-network tests need them; run them as root on Linux.`,
    );
  }
  const destroy = async () => {
    for (const child of children.splice(0)) {
      if (child.pid === undefined || child.exitCode !== null) continue;
      try {
        process.kill(-child.pid, "SIGTERM");
      } catch {
        continue;
      }
      const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
      const timeout = new Promise<"timeout">((resolve) => setTimeout(() => resolve("timeout"), 5_000));
      if ((await Promise.race([exited, timeout])) === "timeout") {
        try {
          process.kill(-child.pid, "SIGKILL");
        } catch {
          // gone meanwhile
        }
      }
    }
    // Deleting a namespace deletes its end of the veth pair, and so the pair.
    for (const ns of [server, member]) tryRun("ip", ["netns", "del", ns]);
  };
  try {
    run("ip", ["link", "add", serverLink, "type", "veth", "peer", "name", memberLink]);
    run("ip", ["link", "set", serverLink, "netns", server]);
    run("ip", ["link", "set", memberLink, "netns", member]);
    for (const address of [`${SERVER_WEB_IP}/24`, `${SERVER_MEDIA_IP}/24`, `${GATEWAY_IP}/24`]) {
      run("ip", ["-n", server, "addr", "add", address, "dev", serverLink]);
    }
    run("ip", ["-n", member, "addr", "add", `${MEMBER_IP}/24`, "dev", memberLink]);
    for (const [ns, link] of [
      [server, serverLink],
      [member, memberLink],
    ] as const) {
      run("ip", ["-n", ns, "link", "set", "lo", "up"]);
      run("ip", ["-n", ns, "link", "set", link, "up"]);
    }
    run("ip", ["-n", member, "route", "add", "default", "via", GATEWAY_IP]);
  } catch (error) {
    void destroy();
    throw new Error(
      `Cannot wire the network namespaces together: ${(error as { stderr?: string }).stderr ?? error}`,
    );
  }

  return {
    server,
    member,
    spawnIn(namespace, command, args, options) {
      const log = openSync(options.logFile, "a");
      try {
        const child = spawn("ip", ["netns", "exec", namespace, command, ...args], {
          detached: true,
          stdio: ["ignore", log, log],
          env: options.env,
          ...(options.cwd ? { cwd: options.cwd } : {}),
        });
        children.push(child);
        return child;
      } finally {
        closeSync(log);
      }
    },
    setMemberFirewall(firewall) {
      tryRun("ip", ["netns", "exec", member, "nft", "delete", "table", "inet", "reeks_test"]);
      if (firewall === "open") return;
      run(
        "ip",
        ["netns", "exec", member, "nft", "-f", "-"],
        `table inet reeks_test {\n  chain out {\n    type filter hook output priority 0; policy accept;\n    ${RULES[firewall]}\n  }\n}\n`,
      );
    },
    destroy,
  };
}
