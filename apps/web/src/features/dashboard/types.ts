import type { RouterOutputs } from "@reeks/api";

export type Dashboard = RouterOutputs["exports"]["dashboard"];
export type DashboardSession = Dashboard["sessions"][number];
export type DashboardRow = Dashboard["rows"][number];
