/** Process figures from Linux's /proc, for the benchmarks' CPU and memory columns. */
import { readFileSync } from "node:fs";

export const TICKS_PER_SECOND = 100; // USER_HZ on Linux

/** CPU time (user + system) the process has used so far, in clock ticks. */
export function cpuTicks(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
  return Number(fields[11]) + Number(fields[12]);
}

/** Peak resident set size so far (the kernel's high-water mark), in MB. */
export function peakRssMb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, "utf8")
    .split("\n")
    .find((l) => l.startsWith("VmHWM:"));
  return Number(line?.replace(/\D+/g, "") ?? 0) / 1024;
}
