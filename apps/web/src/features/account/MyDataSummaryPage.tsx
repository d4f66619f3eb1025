import type { RouterOutputs } from "@reeks/api";
import { useQuery } from "@tanstack/react-query";
import { Printer } from "lucide-react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { PageTitle } from "../../components/PageTitle";
import { Button } from "../../components/ui";
import { formatDateTime, useLocale } from "../../lib/locale";
import { useTRPC } from "../../lib/trpc";
import { useAccount } from "../../lib/use-account";

type MyData = NonNullable<RouterOutputs["account"]["exportData"]>;

/**
 * The same data as the JSON download, as a page to read and print: one section per part, dates in
 * the reader's language, codes in words. Printing leaves out the site's header and footer.
 */
export function MyDataSummaryPage() {
  const { t } = useTranslation("account");
  const { t: tc } = useTranslation("common");
  const trpc = useTRPC();
  const me = useAccount();
  const data = useQuery(trpc.account.exportData.queryOptions(undefined, { enabled: !!me.data }));
  if (me.isPending || (me.data && data.isPending)) return <p role="status">{tc("loading")}</p>;
  if (!me.data || !data.data) {
    return (
      <>
        <PageTitle>{t("myData.summary.title")}</PageTitle>
        <p>
          <Link to="/inloggen">{t("myData.signInFirst")}</Link>
        </p>
      </>
    );
  }
  return <Summary data={data.data} />;
}

function Summary({ data }: { data: MyData }) {
  const { t } = useTranslation("account");
  const { t: to } = useTranslation("outcomes");
  const locale = useLocale();
  const when = (iso: string | null) =>
    iso ? (
      <time dateTime={iso}>{formatDateTime(iso, locale, { dateStyle: "medium", timeStyle: "short" })}</time>
    ) : (
      "—"
    );
  const yesNo = (value: boolean) => (value ? t("myData.summary.yes") : t("myData.summary.no"));
  const c = data.contributions;
  return (
    <article className="my-data-summary">
      <PageTitle>{t("myData.summary.title")}</PageTitle>
      <p className="lead">{t("myData.summary.intro")}</p>
      <p>
        {t("myData.summary.exportedAt")} {when(data.exportedAt)}
      </p>
      <p className="no-print">
        <Button variant="primary" icon={Printer} onPress={() => window.print()}>
          {t("myData.summary.print")}
        </Button>{" "}
        <Link to="/mijn-gegevens">{t("myData.summary.back")}</Link>
      </p>

      <Part title={t("myData.summary.profile")}>
        <dl className="summary-list">
          <Item term={t("myData.summary.name")}>{data.profile.name}</Item>
          <Item term={t("myData.summary.email")}>{data.profile.email}</Item>
          <Item term={t("myData.summary.emailConfirmed")}>{yesNo(data.profile.emailConfirmed)}</Item>
          <Item term={t("myData.summary.language")}>
            {data.profile.language === "nl" ? "Nederlands" : "English"}
          </Item>
          <Item term={t("myData.summary.accountCreatedAt")}>{when(data.profile.accountCreatedAt)}</Item>
          <Item term={t("myData.summary.administrator")}>{yesNo(data.profile.administrator !== null)}</Item>
        </dl>
      </Part>

      <Part title={t("myData.summary.registrations")} empty={data.registrations.length === 0}>
        {data.registrations.map((r) => (
          <section key={r.series} aria-label={r.series}>
            <h3>{r.series}</h3>
            <dl className="summary-list">
              <Item term={t("myData.summary.organisation")}>{r.organisation}</Item>
              <Item term={t("myData.summary.jobTitle")}>{r.jobTitle}</Item>
              {r.motivation && <Item term={t("myData.summary.motivation")}>{r.motivation}</Item>}
              {r.answers.map((a) => (
                <Item key={a.question} term={a.question}>
                  {a.answer}
                </Item>
              ))}
              <Item term={t("myData.summary.role")}>{t(`roles.${r.role}`)}</Item>
              <Item term={t("myData.summary.status")}>{t(`statuses.${r.status}`)}</Item>
              <Item term={t("myData.summary.registeredAt")}>{when(r.registeredAt)}</Item>
              <Item term={t("myData.summary.consentGivenAt")}>{when(r.consentGivenAt)}</Item>
            </dl>
          </section>
        ))}
      </Part>

      <Part title={t("myData.summary.availability")} empty={data.availability.length === 0}>
        <ul>
          {data.availability.map((a) => (
            <li key={`${a.session}-${a.from}`}>
              {a.session}, {when(a.from)}: <strong>{t(`myData.summary.answers.${a.answer}`)}</strong>
              {a.comment ? ` — ${a.comment}` : ""}
            </li>
          ))}
        </ul>
      </Part>

      <Part
        title={t("myData.summary.contributions")}
        empty={c.items.length + c.questions.length + c.chatMessages.length + c.inputInAdvance.length === 0}
      >
        {c.items.length > 0 && (
          <>
            <h3>{t("myData.summary.items")}</h3>
            <ul>
              {c.items.map((i) => (
                <li key={`${i.createdAt}-${i.text}`}>
                  {to(`kind.${i.kind}`)} ({to(`attribution.${i.attribution}`)}): {i.text}
                  <span className="muted"> — {i.session}</span>
                </li>
              ))}
            </ul>
          </>
        )}
        {c.questions.length > 0 && (
          <>
            <h3>{t("myData.summary.questions")}</h3>
            <ul>
              {c.questions.map((q) => (
                <li key={`${q.askedAt}-${q.text}`}>
                  {q.text} <span className="muted">— {q.session}</span>
                </li>
              ))}
            </ul>
          </>
        )}
        {c.inputInAdvance.length > 0 && (
          <>
            <h3>{t("myData.summary.inputInAdvance")}</h3>
            <ul>
              {c.inputInAdvance.map((s) => (
                <li key={`${s.sentAt}-${s.text}`}>
                  {s.text} <span className="muted">— {s.session}</span>
                </li>
              ))}
            </ul>
          </>
        )}
        {c.breakoutBroadcasts.length > 0 && (
          <>
            <h3>{t("myData.summary.breakoutBroadcasts")}</h3>
            <ul>
              {c.breakoutBroadcasts.map((m) => (
                <li key={`${m.sentAt}-${m.text}`}>
                  {when(m.sentAt)}: {m.text} <span className="muted">— {m.session}</span>
                </li>
              ))}
            </ul>
          </>
        )}
        {c.chatMessages.length > 0 && (
          <>
            <h3>{t("myData.summary.chatMessages")}</h3>
            <ul>
              {c.chatMessages.map((m) => (
                <li key={`${m.sentAt}-${m.text}`}>
                  {when(m.sentAt)}: {m.text} <span className="muted">— {m.session}</span>
                </li>
              ))}
            </ul>
          </>
        )}
        <p>
          {t("myData.summary.votes", {
            questions: c.questionVotes.length,
            polls: c.pollVotes.length,
            reviews: c.actionReviews.length,
          })}
        </p>
      </Part>

      <Part title={t("myData.summary.attendance")} empty={data.attendance.stays.length === 0}>
        <ul>
          {data.attendance.stays.map((s) => (
            <li key={`${s.session}-${s.joinedAt}`}>
              {s.session}: {when(s.joinedAt)} – {s.leftAt ? when(s.leftAt) : t("myData.summary.stillThere")}
            </li>
          ))}
        </ul>
        {data.attendance.breakoutGroups.length > 0 && (
          <>
            <h3>{t("myData.summary.breakoutGroups")}</h3>
            <ul>
              {data.attendance.breakoutGroups.map((g) => (
                <li key={`${g.session}-${g.openedAt}-${g.group}`}>
                  {g.group}
                  {g.rapporteur ? ` (${t("myData.summary.rapporteur")})` : ""}{" "}
                  <span className="muted">— {g.session}</span>
                </li>
              ))}
            </ul>
          </>
        )}
      </Part>

      <Part title={t("myData.summary.evaluations")} empty={data.evaluations.invitations.length === 0}>
        <ul>
          {data.evaluations.invitations.map((i) => (
            <li key={`${i.session}-${i.invitedAt}`}>
              {i.session}:{" "}
              {i.answered
                ? t("myData.summary.evaluationAnswered")
                : t("myData.summary.evaluationNotAnswered")}{" "}
              (
              {i.mode === "named"
                ? t("myData.summary.evaluationNamed")
                : t("myData.summary.evaluationAnonymous")}
              )
            </li>
          ))}
        </ul>
        {data.evaluations.namedResponses.length > 0 && (
          <ul>
            {data.evaluations.namedResponses.map((r) => (
              <li key={`${r.session}-${r.usefulness}-${r.whatTheEssayShouldSay}`}>
                {r.session}: {t("myData.summary.evaluationUsefulness", { score: r.usefulness })}
              </li>
            ))}
          </ul>
        )}
      </Part>

      <Part title={t("myData.summary.signIns")} empty={data.signIns.length === 0}>
        <ul>
          {data.signIns.map((s) => (
            <li key={s.since ?? ""}>
              {t("myData.summary.since")} {when(s.since)}, {t("myData.summary.lastActive")}{" "}
              {when(s.lastActiveAt)}
            </li>
          ))}
        </ul>
      </Part>
    </article>
  );
}

function Part(props: { title: string; empty?: boolean; children: ReactNode }) {
  const { t } = useTranslation("account");
  return (
    <section className="summary-part">
      <h2>{props.title}</h2>
      {props.empty ? <p className="muted">{t("myData.summary.none")}</p> : props.children}
    </section>
  );
}

function Item(props: { term: string; children: ReactNode }) {
  return (
    <div>
      <dt>{props.term}</dt>
      <dd>{props.children}</dd>
    </div>
  );
}
