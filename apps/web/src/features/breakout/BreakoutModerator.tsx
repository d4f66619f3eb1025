import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { DoorOpen, Eye, LogOut, Megaphone, TimerReset } from "lucide-react";
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { Button, Select, TextField } from "../../components/ui";
import { useTRPC } from "../../lib/trpc";
import { ConfirmButton } from "../room/ConfirmButton";
import type { Here } from "./breakout-context";
import type { BreakoutGroup, BreakoutPerson, BreakoutRound } from "./breakout-state";
import { PlanForm } from "./PlanForm";

const NO_GROUP = "none";
const EXTEND_CHOICES = [1, 2, 5, 10, 15] as const;

function useBreakoutMutations(sessionId: string) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  // The live event refreshes every browser; this one need not wait for it.
  const onSuccess = () =>
    queryClient.invalidateQueries({ queryKey: trpc.breakout.state.queryKey({ sessionId }) });
  return {
    assign: useMutation(trpc.breakout.assign.mutationOptions({ onSuccess })),
    setRapporteur: useMutation(trpc.breakout.setRapporteur.mutationOptions({ onSuccess })),
    open: useMutation(trpc.breakout.open.mutationOptions({ onSuccess })),
    extend: useMutation(trpc.breakout.extend.mutationOptions({ onSuccess })),
    close: useMutation(trpc.breakout.close.mutationOptions({ onSuccess })),
    broadcast: useMutation(trpc.breakout.broadcast.mutationOptions({ onSuccess })),
  };
}

/**
 * The moderator's breakout panel: plan a round (also before the session starts), place people,
 * open, extend, close early, speak to all groups at once and look in on one. `here`/`visit` only in
 * the live room, where a visit moves this browser.
 */
export function BreakoutModerator(props: {
  sessionId: string;
  here?: Here;
  visit?: (groupId: string | null) => void;
  /** On the waiting page: groups can be planned, and open once the session is live. */
  beforeStart?: boolean;
}) {
  const { sessionId } = props;
  const { t } = useTranslation("breakout");
  const trpc = useTRPC();
  const state = useQuery(trpc.breakout.state.queryOptions({ sessionId }));
  const round = state.data?.round ?? null;
  /** The closed round after which the moderator asked to plan a new one. */
  const [newAfter, setNewAfter] = useState<string | null>(null);
  const m = useBreakoutMutations(sessionId);
  const failure = [m.assign, m.setRapporteur, m.open, m.extend, m.close, m.broadcast].find(
    (x) => x.error,
  )?.error;

  return (
    <section className="panel breakout-panel" aria-labelledby="breakout-heading" data-testid="breakout-panel">
      <h2 id="breakout-heading">{t("heading")}</h2>
      {failure ? <p role="alert">{t("error", { message: failure.message })}</p> : null}
      {!round || (round.status === "closed" && newAfter === round.id) ? (
        <PlanForm key="new" sessionId={sessionId} round={null} beforeStart={props.beforeStart} />
      ) : round.status === "closed" ? (
        <>
          <p>{t("run.closed")}</p>
          <Button onPress={() => setNewAfter(round.id)}>{t("run.newRound")}</Button>
        </>
      ) : round.status === "planned" ? (
        <>
          <p data-testid="breakout-summary">
            {t("run.planned", {
              count: round.groups.length,
              minutes: Math.round(round.durationSeconds / 60),
            })}
          </p>
          {props.beforeStart ? <p className="muted">{t("run.openNeedsLive")}</p> : null}
          <Button
            variant="primary"
            icon={DoorOpen}
            isDisabled={m.open.isPending || props.beforeStart}
            onPress={() => m.open.mutate({ sessionId, roundId: round.id, version: round.version })}
          >
            {m.open.isPending ? t("run.opening") : t("run.open")}
          </Button>
          <Groups sessionId={sessionId} round={round} mutations={m} />
          <PlanForm
            key={`${round.id}:${round.version}`}
            sessionId={sessionId}
            round={round}
            beforeStart={props.beforeStart}
          />
        </>
      ) : (
        <>
          <p>{t("run.running")}</p>
          {props.here?.visiting ? (
            <Button icon={LogOut} onPress={() => props.visit?.(null)}>
              {t("run.leaveVisit")}
            </Button>
          ) : null}
          <RunControls sessionId={sessionId} round={round} mutations={m} />
          <Groups sessionId={sessionId} round={round} mutations={m} here={props.here} visit={props.visit} />
        </>
      )}
    </section>
  );
}

function RunControls(props: {
  sessionId: string;
  round: BreakoutRound;
  mutations: ReturnType<typeof useBreakoutMutations>;
}) {
  const { sessionId, round, mutations: m } = props;
  const { t } = useTranslation("breakout");
  const [minutes, setMinutes] = useState<string>("5");
  const [message, setMessage] = useState("");
  const [sent, setSent] = useState(false);
  return (
    <div className="breakout-run">
      <div className="breakout-row">
        <Select
          label={t("run.extendBy")}
          selectedKey={minutes}
          onSelectionChange={(key) => setMinutes(String(key))}
          options={EXTEND_CHOICES.map((n) => ({ id: String(n), label: t("run.minutes", { count: n }) }))}
        />
        <Button
          icon={TimerReset}
          isDisabled={m.extend.isPending}
          onPress={() => m.extend.mutate({ sessionId, roundId: round.id, minutes: Number(minutes) })}
        >
          {t("run.extend")}
        </Button>
      </div>
      <div className="breakout-row">
        <ConfirmButton
          label={t("run.close")}
          confirmLabel={t("run.confirmClose")}
          cancelLabel={t("run.cancel")}
          onConfirm={() => m.close.mutate({ sessionId, roundId: round.id })}
        />
      </div>
      <form
        className="breakout-broadcast"
        onSubmit={(e) => {
          e.preventDefault();
          const body = message.trim();
          if (!body) return;
          setSent(false);
          m.broadcast.mutate(
            { sessionId, roundId: round.id, body },
            {
              onSuccess: () => {
                setMessage("");
                setSent(true);
              },
            },
          );
        }}
      >
        <TextField
          label={t("run.broadcast")}
          value={message}
          onChange={setMessage}
          maxLength={500}
          multiline
        />
        <Button type="submit" icon={Megaphone} isDisabled={m.broadcast.isPending || !message.trim()}>
          {t("run.send")}
        </Button>
        <p role="status" className="muted">
          {sent ? t("run.sent") : ""}
        </p>
      </form>
    </div>
  );
}

/** Each group with its people: move anyone by a listbox (keyboard and pointer alike), pick the rapporteur, visit. */
function Groups(props: {
  sessionId: string;
  round: BreakoutRound;
  mutations: ReturnType<typeof useBreakoutMutations>;
  here?: Here;
  visit?: (groupId: string | null) => void;
}) {
  const { sessionId, round, mutations: m } = props;
  const { t } = useTranslation("breakout");
  const headingId = useId();
  const groupOptions = [
    { id: NO_GROUP, label: t("run.noGroup") },
    ...round.groups.map((g) => ({ id: g.id, label: g.name })),
  ];
  const place = (person: BreakoutPerson, groupId: string) =>
    m.assign.mutate({
      sessionId,
      roundId: round.id,
      participantId: person.participantId,
      groupId: groupId === NO_GROUP ? null : groupId,
    });
  const personRow = (person: BreakoutPerson, groupId: string) => (
    <li key={person.participantId} className="breakout-person">
      {/* The label names the person: "Group of Anne". */}
      <Select
        label={t("run.placeIn", { name: person.name })}
        selectedKey={groupId}
        onSelectionChange={(key) => place(person, String(key))}
        options={groupOptions}
      />
    </li>
  );
  return (
    <div className="breakout-groups">
      <h3 id={headingId} className="visually-hidden">
        {t("tab")}
      </h3>
      <section className="breakout-group" aria-label={t("run.unassigned")} data-testid="breakout-unassigned">
        <h4>{t("run.unassigned")}</h4>
        {round.unassigned.length === 0 ? (
          <p className="muted">{t("run.nobody")}</p>
        ) : (
          <ul>{round.unassigned.map((p) => personRow(p, NO_GROUP))}</ul>
        )}
      </section>
      {round.groups.map((group) => (
        <GroupCard
          key={group.id}
          group={group}
          round={round}
          here={props.here}
          visit={props.visit}
          onRapporteur={(participantId) =>
            m.setRapporteur.mutate({ sessionId, groupId: group.id, participantId })
          }
        >
          {group.members.length === 0 ? (
            <p className="muted">{t("run.nobody")}</p>
          ) : (
            <ul>{group.members.map((p) => personRow(p, group.id))}</ul>
          )}
        </GroupCard>
      ))}
    </div>
  );
}

function GroupCard(props: {
  group: BreakoutGroup;
  round: BreakoutRound;
  here?: Here;
  visit?: (groupId: string | null) => void;
  onRapporteur: (participantId: string | null) => void;
  children: React.ReactNode;
}) {
  const { group, round, here, visit } = props;
  const { t } = useTranslation("breakout");
  const visitingThis = here?.visiting && here.groupId === group.id;
  return (
    <section
      className="breakout-group"
      aria-label={group.name}
      data-testid="breakout-group"
      data-group-id={group.id}
    >
      <h4>
        {group.name} <span className="muted">({t("run.members", { count: group.memberCount })})</span>
      </h4>
      <p className="breakout-question">{t("run.question", { question: group.question })}</p>
      {props.children}
      <RapporteurSelect
        label={t("run.rapporteurOf", { group: group.name })}
        group={group}
        onChange={props.onRapporteur}
      />
      {round.status === "open" && visit && !visitingThis ? (
        <Button icon={Eye} onPress={() => visit(group.id)}>
          {t("run.visit", { group: group.name })}
        </Button>
      ) : null}
    </section>
  );
}

/** The rapporteur among the group's members; "not chosen" empties it. */
export function RapporteurSelect(props: {
  label: string;
  group: BreakoutGroup;
  onChange: (participantId: string | null) => void;
}) {
  const { t } = useTranslation("breakout");
  const { group } = props;
  return (
    <Select
      label={props.label}
      selectedKey={group.rapporteur?.participantId ?? NO_GROUP}
      onSelectionChange={(key) => props.onChange(String(key) === NO_GROUP ? null : String(key))}
      options={[
        { id: NO_GROUP, label: t("run.noRapporteur") },
        ...group.members.map((p) => ({ id: p.participantId, label: p.name })),
      ]}
    />
  );
}
