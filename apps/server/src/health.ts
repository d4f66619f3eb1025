import { type DatabaseHandle, describeDatabaseError } from "@reeks/db";
import { livekitIsHealthy } from "@reeks/livekit";
import type { RoomServiceClient } from "livekit-server-sdk";

export interface HealthReport {
  status: "ok" | "error";
  db: DatabaseHandle["kind"];
  livekit: "ok" | "unreachable";
  database?: "unreachable";
  /** When not ok: what is wrong, for the operator (the driver's message, never a query). */
  reason?: string;
}

/** A database that neither answers nor refuses (a dropped network) must not hang the health check. */
const PING_TIMEOUT_MS = 3_000;

function pingWithin(database: DatabaseHandle, ms: number): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer within ${ms / 1000} s`)), ms);
    database
      .ping()
      .then(resolve, reject)
      .finally(() => clearTimeout(timer));
  });
}

/** What /healthz answers: ok only when both the database and LiveKit respond. */
export async function checkHealth(database: DatabaseHandle, rooms: RoomServiceClient): Promise<HealthReport> {
  const [dbError, livekitOk] = await Promise.all([
    pingWithin(database, PING_TIMEOUT_MS).then(
      () => null,
      (error: unknown) => describeDatabaseError(error),
    ),
    livekitIsHealthy(rooms),
  ]);
  const report: HealthReport = {
    status: dbError === null && livekitOk ? "ok" : "error",
    db: database.kind,
    livekit: livekitOk ? "ok" : "unreachable",
  };
  const reasons: string[] = [];
  if (dbError !== null) {
    report.database = "unreachable";
    reasons.push(`database unavailable: ${dbError}`);
  }
  if (!livekitOk) reasons.push("LiveKit unreachable");
  if (reasons.length > 0) report.reason = reasons.join("; ");
  return report;
}
