import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Check } from "lucide-react";
import { useTranslation } from "react-i18next";
import { Button } from "../../components/ui";
import { useTRPC } from "../../lib/trpc";
import { RapporteurSelect } from "./BreakoutModerator";
import type { Here } from "./breakout-context";
import type { BreakoutRound } from "./breakout-state";

/**
 * What a participant sees of the groups: the list to choose from (when the moderator lets people
 * choose), their own group with its question and people, and the rapporteur (chosen here when the
 * group chooses). Their group's capture comes below, from the room.
 */
export function BreakoutMember(props: { sessionId: string; round: BreakoutRound | null; here: Here }) {
  const { sessionId, round } = props;
  const { t } = useTranslation("breakout");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const onSuccess = () =>
    queryClient.invalidateQueries({ queryKey: trpc.breakout.state.queryKey({ sessionId }) });
  const choose = useMutation(trpc.breakout.choose.mutationOptions({ onSuccess }));
  const setRapporteur = useMutation(trpc.breakout.setRapporteur.mutationOptions({ onSuccess }));
  const failure = choose.error ?? setRapporteur.error;
  if (!round) return <p className="muted">{t("member.noRound")}</p>;
  const mine = round.groups.find((g) => g.id === round.myGroupId) ?? null;
  const mayChoose = round.assignment === "self" && round.status !== "closed";
  return (
    <section className="panel breakout-panel" aria-labelledby="breakout-member-heading">
      <h2 id="breakout-member-heading">{t("heading")}</h2>
      {failure ? <p role="alert">{t("error", { message: failure.message })}</p> : null}
      {mayChoose ? (
        <section aria-labelledby="breakout-choose-heading" className="breakout-choose">
          <h3 id="breakout-choose-heading">{t("member.choose")}</h3>
          <p className="muted">{t("member.chooseIntro")}</p>
          <ul className="breakout-choices">
            {round.groups.map((group) => {
              const chosen = group.id === round.myGroupId;
              return (
                <li key={group.id} className="breakout-choice-item" data-chosen={chosen}>
                  <p className="breakout-choice-name">
                    <strong>{group.name}</strong>{" "}
                    <span className="muted">({t("run.members", { count: group.memberCount })})</span>
                  </p>
                  <p className="breakout-question">{group.question}</p>
                  {chosen ? (
                    <p className="breakout-chosen">
                      <Check aria-hidden="true" className="ui-icon" /> {t("member.chosen")}
                    </p>
                  ) : (
                    <Button
                      isDisabled={choose.isPending}
                      onPress={() => choose.mutate({ sessionId, roundId: round.id, groupId: group.id })}
                    >
                      {t("member.join", { group: group.name })}
                    </Button>
                  )}
                </li>
              );
            })}
          </ul>
        </section>
      ) : null}
      {mine ? (
        <section
          aria-labelledby="breakout-mine-heading"
          className="breakout-mine"
          data-testid="breakout-mine"
        >
          <h3 id="breakout-mine-heading">{t("member.yourGroup", { group: mine.name })}</h3>
          <p className="breakout-question">{t("run.question", { question: mine.question })}</p>
          <h4>{t("member.members")}</h4>
          <ul>
            {mine.members.map((p) => (
              <li key={p.participantId}>{p.name}</li>
            ))}
          </ul>
          {round.rapporteurChoice === "group" && round.status !== "closed" ? (
            <RapporteurSelect
              label={t("member.chooseRapporteur")}
              group={mine}
              onChange={(participantId) =>
                setRapporteur.mutate({ sessionId, groupId: mine.id, participantId })
              }
            />
          ) : (
            <p>{t("member.rapporteurIs", { name: mine.rapporteur?.name ?? t("run.noRapporteur") })}</p>
          )}
        </section>
      ) : round.status !== "closed" && !mayChoose ? (
        <p className="muted">{t("member.notPlaced")}</p>
      ) : null}
    </section>
  );
}
