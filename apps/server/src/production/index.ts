export { livekitPublicUrl, renderCaddyfile } from "./caddyfile";
export { runSetup, type SetupOptions, type SetupResult } from "./setup";
export { productionStartCommand } from "./start-command";
export { APP_UNIT, LIVEKIT_UNIT } from "./systemd";
