/** systemd units for the app and its livekit-server: restarted on failure, started at boot, hardened. */

export const APP_UNIT = "reeks.service";
export const LIVEKIT_UNIT = "reeks-livekit.service";

/** Neither process needs more than its own files and the network. */
const HARDENING = [
  "NoNewPrivileges=yes",
  "ProtectSystem=strict",
  "ProtectHome=yes",
  "PrivateTmp=yes",
  "PrivateDevices=yes",
  "ProtectKernelTunables=yes",
  "ProtectKernelModules=yes",
  "ProtectKernelLogs=yes",
  "ProtectControlGroups=yes",
  "ProtectClock=yes",
  "ProtectHostname=yes",
  "RestrictSUIDSGID=yes",
  "RestrictRealtime=yes",
  "RestrictNamespaces=yes",
  "LockPersonality=yes",
  "RestrictAddressFamilies=AF_UNIX AF_INET AF_INET6 AF_NETLINK",
  "SystemCallArchitectures=native",
  "UMask=0077",
];

/** Quotes an argument for ExecStart (systemd's own quoting rules, close to the shell's). */
function quote(arg: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(arg) ? arg : `"${arg.replace(/(["\\])/g, "\\$1")}"`;
}

export interface AppUnitOptions {
  user: string;
  /** The checkout: the start command runs from apps/server in it. */
  rootDir: string;
  envFile: string;
  dataDir: string;
  command: { command: string; args: string[] };
}

export function renderAppUnit(options: AppUnitOptions): string {
  return `[Unit]
Description=Reeks (webinar series)
Documentation=file://${options.rootDir}/docs/deploying.md
After=network-online.target ${LIVEKIT_UNIT}
Wants=network-online.target ${LIVEKIT_UNIT}

[Service]
Type=simple
User=${options.user}
Group=${options.user}
WorkingDirectory=${options.rootDir}/apps/server
EnvironmentFile=${options.envFile}
ExecStart=${[options.command.command, ...options.command.args].map(quote).join(" ")}
Restart=on-failure
RestartSec=2
# SIGTERM first: the app finishes requests and closes its streams before the database.
KillSignal=SIGTERM
TimeoutStopSec=30
ReadWritePaths=${options.dataDir}
# Port 3000 on loopback needs no capability.
CapabilityBoundingSet=
AmbientCapabilities=
${HARDENING.join("\n")}

[Install]
WantedBy=multi-user.target
`;
}

export interface LivekitUnitOptions {
  user: string;
  binary: string;
  /** livekit.yaml: it holds the API secret, so it stays root's and reaches the service as a credential. */
  configFile: string;
  /** Ports below 1024 (TURN over TLS on 443) need CAP_NET_BIND_SERVICE, and nothing else does. */
  bindsPrivilegedPort: boolean;
}

export function renderLivekitUnit(options: LivekitUnitOptions): string {
  const capability = options.bindsPrivilegedPort ? "CAP_NET_BIND_SERVICE" : "";
  return `[Unit]
Description=LiveKit media server for Reeks
After=network-online.target
Wants=network-online.target

[Service]
Type=simple
User=${options.user}
Group=${options.user}
LoadCredential=livekit.yaml:${options.configFile}
ExecStart=${quote(options.binary)} --config \${CREDENTIALS_DIRECTORY}/livekit.yaml
Restart=on-failure
RestartSec=2
TimeoutStopSec=30
# One socket per participant and track: well past the default 1024.
LimitNOFILE=65536
CapabilityBoundingSet=${capability}
AmbientCapabilities=${capability}
${HARDENING.join("\n")}

[Install]
WantedBy=multi-user.target
`;
}
