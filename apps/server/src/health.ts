import type { DatabaseHandle } from "@reeks/db";
import { livekitIsHealthy } from "@reeks/livekit";
import type { RoomServiceClient } from "livekit-server-sdk";

export interface HealthReport {
  status: "ok" | "error";
  db: DatabaseHandle["kind"];
  livekit: "ok" | "unreachable";
  database?: "unreachable";
}

/** What /healthz answers: ok only when both the database and LiveKit respond. */
export async function checkHealth(database: DatabaseHandle, rooms: RoomServiceClient): Promise<HealthReport> {
  const [dbOk, livekitOk] = await Promise.all([
    database.ping().then(
      () => true,
      () => false,
    ),
    livekitIsHealthy(rooms),
  ]);
  const report: HealthReport = {
    status: dbOk && livekitOk ? "ok" : "error",
    db: database.kind,
    livekit: livekitOk ? "ok" : "unreachable",
  };
  if (!dbOk) report.database = "unreachable";
  return report;
}
