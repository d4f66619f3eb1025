import type { BreakoutAssignment, BreakoutStatus, RapporteurChoice } from "@reeks/db";

export interface BreakoutPerson {
  participantId: string;
  name: string;
}

export interface BreakoutGroupView {
  id: string;
  position: number;
  name: string;
  /** Resolved: the group's own question, else the theme's guiding question in the reader's language. */
  question: string;
  ownQuestion: string | null;
  rapporteur: BreakoutPerson | null;
  memberCount: number;
  /** Moderators: every group; others: only their own group (for assignment "self": counts only). */
  members: BreakoutPerson[];
}

export interface BreakoutRoundView {
  id: string;
  status: BreakoutStatus;
  assignment: BreakoutAssignment;
  groupCount: number;
  perGroup: number | null;
  durationSeconds: number;
  rapporteurChoice: RapporteurChoice;
  openedAt: string | null;
  endsAt: string | null;
  closedAt: string | null;
  version: number;
  myGroupId: string | null;
  groups: BreakoutGroupView[];
  /** Moderators only, else []. */
  unassigned: BreakoutPerson[];
  /** Newest last, at most 20. */
  broadcasts: Array<{ id: string; body: string; sentAt: string }>;
}

export interface BreakoutState {
  serverNow: string;
  round: BreakoutRoundView | null;
}

export type BreakoutJoinAnswer =
  | { kind: "main" }
  | {
      kind: "group";
      groupId: string;
      token: string;
      url: string;
      identity: string;
      canPublish: true;
      expiresAt: string;
    };

export type { BreakoutChange } from "@reeks/models";
