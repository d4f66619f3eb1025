import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Captions, Copy, KeyRound, RefreshCw, Trash2 } from "lucide-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Button, Select } from "../../components/ui";
import { formatDateTime, useLocale } from "../../lib/locale";
import { useTRPC } from "../../lib/trpc";

/** The moderator's side: who captions, and the caption URL for an external captioning service. */
export function CaptionsAdmin({
  sessionId,
  onCaptionMyself,
}: {
  sessionId: string;
  /** Opens the typing view for the moderator (moderators may always caption). */
  onCaptionMyself: () => void;
}) {
  return (
    <>
      <Captioners sessionId={sessionId} onCaptionMyself={onCaptionMyself} />
      <CaptionFeed sessionId={sessionId} />
    </>
  );
}

function Captioners({ sessionId, onCaptionMyself }: { sessionId: string; onCaptionMyself: () => void }) {
  const { t } = useTranslation("captions");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const list = useQuery(trpc.captions.captioners.queryOptions({ sessionId }));
  const [chosen, setChosen] = useState<string | null>(null);
  const refresh = () =>
    queryClient.invalidateQueries({ queryKey: trpc.captions.captioners.queryKey({ sessionId }) });
  const grant = useMutation(trpc.captions.grantCaptioner.mutationOptions({ onSuccess: refresh }));
  const revoke = useMutation(trpc.captions.revokeCaptioner.mutationOptions({ onSuccess: refresh }));
  const candidates = list.data?.candidates ?? [];
  return (
    <section className="panel captions-admin" aria-labelledby="captioners-heading">
      <h3 id="captioners-heading">{t("admin.heading")}</h3>
      {list.data?.captioners.length ? (
        <ul className="captioners">
          {list.data.captioners.map((c) => (
            <li key={c.participantId} className="captioner-row">
              <span>{c.name}</span>
              <Button
                variant="quiet"
                icon={Trash2}
                onPress={() => revoke.mutate({ sessionId, participantId: c.participantId })}
              >
                {t("admin.revoke", { name: c.name })}
              </Button>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{t("admin.none")}</p>
      )}
      {candidates.length > 0 ? (
        <div className="captions-grant">
          <Select
            label={t("admin.choose")}
            options={candidates.map((c) => ({ id: c.participantId, label: c.name }))}
            selectedKey={chosen}
            onSelectionChange={(key) => setChosen(String(key))}
          />
          <Button
            variant="primary"
            isDisabled={!chosen || grant.isPending}
            onPress={() => {
              if (chosen)
                grant.mutate({ sessionId, participantId: chosen }, { onSuccess: () => setChosen(null) });
            }}
          >
            {t("admin.grant")}
          </Button>
        </div>
      ) : null}
      <Button icon={Captions} onPress={onCaptionMyself}>
        {t("admin.myself")}
      </Button>
    </section>
  );
}

function CaptionFeed({ sessionId }: { sessionId: string }) {
  const { t } = useTranslation("captions");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const locale = useLocale();
  const status = useQuery(trpc.captions.feed.status.queryOptions({ sessionId }));
  const [secret, setSecret] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  const refresh = () =>
    queryClient.invalidateQueries({ queryKey: trpc.captions.feed.status.queryKey({ sessionId }) });
  const shown = (answer: { url: string | null; path: string }) => {
    setSecret(answer.url ?? new URL(answer.path, window.location.origin).toString());
    setCopied(false);
    void refresh();
  };
  const create = useMutation(trpc.captions.feed.create.mutationOptions({ onSuccess: shown }));
  const rotate = useMutation(trpc.captions.feed.rotate.mutationOptions({ onSuccess: shown }));
  const revoke = useMutation(
    trpc.captions.feed.revoke.mutationOptions({
      onSuccess: () => {
        setSecret(null);
        void refresh();
      },
    }),
  );
  const active = status.data?.active ?? null;
  return (
    <section className="panel captions-feed" aria-labelledby="caption-feed-heading">
      <h3 id="caption-feed-heading">{t("feed.heading")}</h3>
      <p className="muted">{t("feed.intro")}</p>
      {active ? (
        <p data-testid="caption-feed-status">
          {active.lastLineAt
            ? t("feed.activeSince", {
                time: formatDateTime(active.lastLineAt, locale, { hour: "2-digit", minute: "2-digit" }),
                seq: active.lastSeq,
              })
            : t("feed.activeIdle")}
        </p>
      ) : (
        <p>{t("feed.none")}</p>
      )}
      {secret ? (
        <div className="captions-secret">
          <label className="ui-label" htmlFor="caption-feed-url">
            {t("feed.url")}
          </label>
          <input
            id="caption-feed-url"
            className="ui-input"
            readOnly
            value={secret}
            onFocus={(e) => e.target.select()}
          />
          <p className="ui-hint">{t("feed.once")}</p>
          <Button
            icon={Copy}
            onPress={() => {
              void navigator.clipboard?.writeText(secret).then(() => setCopied(true));
            }}
          >
            {copied ? t("feed.copied") : t("feed.copy")}
          </Button>
        </div>
      ) : null}
      <div className="actions">
        {active ? (
          <>
            <Button icon={RefreshCw} onPress={() => rotate.mutate({ sessionId })}>
              {t("feed.rotate")}
            </Button>
            <Button variant="danger" icon={Trash2} onPress={() => revoke.mutate({ sessionId })}>
              {t("feed.revoke")}
            </Button>
          </>
        ) : (
          <Button variant="primary" icon={KeyRound} onPress={() => create.mutate({ sessionId })}>
            {t("feed.create")}
          </Button>
        )}
      </div>
    </section>
  );
}
