import {
  type Locale,
  PARTICIPANT_ROLES,
  type ParticipantRole,
  pickLocale,
  REGISTRATION_STATUSES,
  type RegistrationFilter,
  type RegistrationStatus,
  type ReviewDecision,
  TEXT_LIMITS,
} from "@reeks/models";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { CheckCheck } from "lucide-react";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router";
import { Field } from "../../components/Field";
import { PageTitle } from "../../components/PageTitle";
import { Button, Checkbox, Dialog } from "../../components/ui";
import { fieldErrorsOf, httpStatusOf, serverMessageOf } from "../../lib/errors";
import { useLocale } from "../../lib/locale";
import { isErased, usePersonName } from "../../lib/person-name";
import { useTRPC } from "../../lib/trpc";
import { AuditLog } from "./AuditLog";
import { ParticipantMessages } from "./ParticipantMessages";

const DECISIONS: ReviewDecision[] = ["approve", "waitlist", "decline"];
const DECISION_STATUS: Record<ReviewDecision, RegistrationStatus> = {
  approve: "approved",
  waitlist: "waitlisted",
  decline: "declined",
};

/** The organiser's review list with filters, decisions, roles, invitations, settings and audit log. */
export function ReviewPage() {
  const { t } = useTranslation("account");
  const { t: tc } = useTranslation("common");
  const locale = useLocale();
  const { slug = "" } = useParams();
  const trpc = useTRPC();
  const series = useQuery(trpc.series.bySlug.queryOptions({ slug }));
  const seriesId = series.data?.id ?? "";
  const [filter, setFilter] = useState<RegistrationFilter>({});
  const list = useQuery(trpc.review.list.queryOptions({ seriesId, filter }, { enabled: !!seriesId }));

  if (series.isPending || (seriesId && list.isPending)) return <p role="status">{tc("loading")}</p>;
  if (series.isError) return <p role="alert">{tc("error.notFound")}</p>;
  if (list.isError) {
    const status = httpStatusOf(list.error);
    return (
      <p role="alert">{status === 403 || status === 401 ? t("errors.forbidden") : t("errors.generic")}</p>
    );
  }
  const title = pickLocale(series.data.title, locale);
  const data = list.data;
  return (
    <>
      <PageTitle documentTitle={t("review.title", { series: title })}>
        {t("review.title", { series: title })}
      </PageTitle>
      <Filters filter={filter} onChange={setFilter} />
      {data && (
        <p>
          {data.capacity
            ? t("review.countWithCapacity", { approved: data.approvedCount, capacity: data.capacity })
            : t("review.count", { approved: data.approvedCount })}
        </p>
      )}
      {data && <RegistrationTable seriesId={seriesId} rows={data.registrations} questions={data.questions} />}
      <InviteForm seriesId={seriesId} />
      {data && (
        <SettingsForm
          seriesId={seriesId}
          capacity={data.capacity}
          retentionMonths={data.retentionMonths ?? 24}
        />
      )}
      <ParticipantMessages
        seriesId={seriesId}
        sessions={series.data.sessions.map((s) => ({
          id: s.id,
          position: s.position,
          themeTitle: series.data.themes.find((th) => th.id === s.themeId)?.title ?? null,
        }))}
      />
      <AuditLog seriesId={seriesId} />
    </>
  );
}

function Filters({
  filter,
  onChange,
}: {
  filter: RegistrationFilter;
  onChange: (f: RegistrationFilter) => void;
}) {
  const { t } = useTranslation("account");
  return (
    <fieldset className="filters">
      <legend>{t("review.filters")}</legend>
      <label>
        {t("review.status")}
        <select
          value={filter.status ?? ""}
          onChange={(e) =>
            onChange({ ...filter, status: (e.target.value || undefined) as RegistrationStatus | undefined })
          }
        >
          <option value="">{t("review.any")}</option>
          {REGISTRATION_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`statuses.${s}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t("review.confirmed")}
        <select
          value={filter.confirmed === undefined ? "" : String(filter.confirmed)}
          onChange={(e) =>
            onChange({ ...filter, confirmed: e.target.value === "" ? undefined : e.target.value === "true" })
          }
        >
          <option value="">{t("review.any")}</option>
          <option value="true">{t("review.confirmedYes")}</option>
          <option value="false">{t("review.confirmedNo")}</option>
        </select>
      </label>
      <label>
        {t("review.role")}
        <select
          value={filter.role ?? ""}
          onChange={(e) =>
            onChange({ ...filter, role: (e.target.value || undefined) as ParticipantRole | undefined })
          }
        >
          <option value="">{t("review.any")}</option>
          {PARTICIPANT_ROLES.map((r) => (
            <option key={r} value={r}>
              {t(`roles.${r}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t("review.search")}
        <input
          type="search"
          maxLength={TEXT_LIMITS.search}
          value={filter.search ?? ""}
          onChange={(e) => onChange({ ...filter, search: e.target.value || undefined })}
        />
      </label>
    </fieldset>
  );
}

interface Row {
  id: string;
  name: string;
  email: string;
  confirmed: boolean;
  organisation: string;
  jobTitle: string;
  motivation: string | null;
  answers: Record<string, string>;
  commitsToAllSessions: boolean;
  role: ParticipantRole;
  status: RegistrationStatus;
  source: string;
  erased: boolean;
  you: boolean;
}

/** Open for approval: waiting, not the organiser's own, not erased, and with a confirmed address. */
function canApprove(row: Row): boolean {
  return (
    !row.you && !isErased(row) && row.status !== "approved" && (row.confirmed || row.source === "invitation")
  );
}

interface Question {
  id: string;
  kind: "text" | "choice";
  label: { nl: string; en: string };
  choices: Array<{ nl: string; en: string }>;
}

/** The series' own questions and this person's answers (a choice is stored as its option's index). */
function Answers({ questions, answers }: { questions: Question[]; answers: Record<string, string> }) {
  const locale = useLocale();
  const given = questions.filter((q) => answers[q.id]);
  if (given.length === 0) return null;
  return (
    <dl className="answers">
      {given.map((q) => {
        const answer = answers[q.id] ?? "";
        const choice = q.kind === "choice" ? q.choices[Number(answer)] : undefined;
        return (
          <div key={q.id}>
            <dt>{pickLocale(q.label, locale)}</dt>
            <dd>{choice ? pickLocale(choice, locale) : answer}</dd>
          </div>
        );
      })}
    </dl>
  );
}

function RegistrationTable({
  seriesId,
  rows,
  questions,
}: {
  seriesId: string;
  rows: Row[];
  questions: Question[];
}) {
  const { t } = useTranslation("account");
  const locale = useLocale();
  const personName = usePersonName();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [announcement, setAnnouncement] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [confirming, setConfirming] = useState(false);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.review.pathKey() });
  const decide = useMutation(
    trpc.review.decide.mutationOptions({
      onSuccess: (result, input) => {
        const row = rows.find((r) => r.id === input.participantId);
        setError(null);
        setAnnouncement(t("review.done", { name: row?.name ?? "", status: t(`statuses.${result.status}`) }));
        void refresh();
      },
      onError: (e) => setError(serverMessageOf(e) ?? t("errors.generic")),
    }),
  );
  const approveMany = useMutation(
    trpc.review.approveMany.mutationOptions({
      onSuccess: (result) => {
        setError(null);
        setConfirming(false);
        setSelected(new Set());
        setAnnouncement(t("review.bulkDone", { count: result.approved }));
        void refresh();
      },
      onError: (e) => {
        setConfirming(false);
        setError(serverMessageOf(e) ?? t("errors.generic"));
      },
    }),
  );
  const setRole = useMutation(
    trpc.review.setRole.mutationOptions({
      onSuccess: () => void refresh(),
      onError: (e) => setError(serverMessageOf(e) ?? t("errors.generic")),
    }),
  );
  const open = rows.filter(canApprove);
  // Rows can leave the list (a filter, a decision elsewhere): only what is still open counts.
  const chosen = open.filter((r) => selected.has(r.id));
  const toggle = (id: string, on: boolean) =>
    setSelected((before) => {
      const next = new Set(before);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  const names = new Intl.ListFormat(locale === "nl" ? "nl-NL" : "en-GB", { type: "conjunction" });
  return (
    <>
      <div role="status" aria-live="polite" className="visually-hidden-when-empty">
        {announcement}
      </div>
      {error && (
        <p role="alert" className="notice notice-error">
          {error}
        </p>
      )}
      {open.length > 0 && (
        <div className="bulk-bar">
          <Checkbox
            isSelected={chosen.length === open.length}
            isIndeterminate={chosen.length > 0 && chosen.length < open.length}
            onChange={(on) => setSelected(on ? new Set(open.map((r) => r.id)) : new Set())}
          >
            {t("review.selectAll")}
          </Checkbox>
          {chosen.length === 0 ? (
            <span className="muted">{t("review.bulkNone")}</span>
          ) : (
            <Button
              variant="primary"
              icon={CheckCheck}
              isDisabled={approveMany.isPending}
              onPress={() => setConfirming(true)}
            >
              {t("review.bulkApprove", { count: chosen.length })}
            </Button>
          )}
        </div>
      )}
      {confirming && (
        <Dialog
          title={t("review.bulkConfirmTitle", { count: chosen.length })}
          closeLabel={t("review.close")}
          role="alertdialog"
          isOpen
          onOpenChange={(isOpen) => setConfirming(isOpen)}
        >
          <p>{t("review.bulkConfirmBody", { people: names.format(chosen.map((r) => r.name)) })}</p>
          <div className="ui-dialog-actions">
            <Button variant="quiet" onPress={() => setConfirming(false)}>
              {t("review.cancel")}
            </Button>
            <Button
              variant="primary"
              isDisabled={approveMany.isPending}
              onPress={() => approveMany.mutate({ seriesId, participantIds: chosen.map((r) => r.id) })}
            >
              {t("review.bulkConfirm")}
            </Button>
          </div>
        </Dialog>
      )}
      {rows.length === 0 ? (
        <p>{t("review.empty")}</p>
      ) : (
        <div className="table-scroll">
          <table className="registrations">
            <thead>
              <tr>
                <th scope="col">
                  <span className="visually-hidden">{t("review.select")}</span>
                </th>
                <th scope="col">{t("review.columns.person")}</th>
                <th scope="col">{t("review.columns.organisation")}</th>
                <th scope="col">{t("review.columns.motivation")}</th>
                <th scope="col">{t("review.columns.status")}</th>
                <th scope="col">{t("review.columns.role")}</th>
                <th scope="col">{t("review.columns.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.id} data-email={row.email}>
                  <td>
                    {canApprove(row) && (
                      <Checkbox
                        aria-label={t("review.selectFor", { name: row.name })}
                        isSelected={selected.has(row.id)}
                        onChange={(on) => toggle(row.id, on)}
                      />
                    )}
                  </td>
                  <td>
                    <strong>{personName.name(row)}</strong>
                    {row.you && <span className="muted"> ({t("review.you")})</span>}
                    {!isErased(row) && (
                      <>
                        <br />
                        {row.email}
                        <br />
                        <span className="muted">
                          {row.confirmed ? t("review.confirmedYes") : t("review.confirmedNo")}
                        </span>
                      </>
                    )}
                  </td>
                  <td>
                    {row.organisation}
                    <br />
                    <span className="muted">{row.jobTitle}</span>
                    {row.commitsToAllSessions && (
                      <>
                        <br />
                        {t("review.allSessions")}
                      </>
                    )}
                  </td>
                  <td className="motivation">
                    {row.motivation}
                    <Answers questions={questions} answers={row.answers} />
                  </td>
                  <td>
                    {isErased(row) ? t("review.erasedStatus") : t(`statuses.${row.status}`)}
                    {row.source === "invitation" && <span className="muted"> ({t("review.invited")})</span>}
                  </td>
                  <td>
                    {isErased(row) ? null : row.you ? (
                      t(`roles.${row.role}`)
                    ) : (
                      <select
                        aria-label={t("review.roleFor", { name: row.name })}
                        value={row.role}
                        onChange={(e) =>
                          setRole.mutate({
                            seriesId,
                            participantId: row.id,
                            role: e.target.value as ParticipantRole,
                          })
                        }
                      >
                        {PARTICIPANT_ROLES.map((r) => (
                          <option key={r} value={r}>
                            {t(`roles.${r}`)}
                          </option>
                        ))}
                      </select>
                    )}
                  </td>
                  <td>
                    <div className="row-actions">
                      {/* Nothing to decide on one's own row, an erased account, or someone already approved. */}
                      {!row.you &&
                        !isErased(row) &&
                        row.status !== "approved" &&
                        DECISIONS.filter((decision) => DECISION_STATUS[decision] !== row.status).map(
                          (decision) => (
                            <button
                              key={decision}
                              type="button"
                              aria-label={t("review.actionFor", {
                                action: t(`review.${decision}`),
                                name: row.name,
                              })}
                              disabled={decide.isPending}
                              onClick={() => decide.mutate({ seriesId, participantId: row.id, decision })}
                            >
                              {t(`review.${decision}`)}
                            </button>
                          ),
                        )}
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

function InviteForm({ seriesId }: { seriesId: string }) {
  const { t } = useTranslation("account");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [form, setForm] = useState({ name: "", email: "", organisation: "", jobTitle: "" });
  const [role, setRole] = useState<ParticipantRole>("speaker");
  const [language, setLanguage] = useState<Locale>("nl");
  const invite = useMutation(
    trpc.review.invite.mutationOptions({
      onSuccess: () => void queryClient.invalidateQueries({ queryKey: trpc.review.pathKey() }),
    }),
  );
  const errors = fieldErrorsOf(invite.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    invite.mutate({ seriesId, ...form, role, locale: language });
  };
  const text = (key: keyof typeof form) => ({
    value: form[key],
    onChange: (e: { target: { value: string } }) => setForm({ ...form, [key]: e.target.value }),
  });
  return (
    <section aria-labelledby="invite-heading">
      <h2 id="invite-heading">{t("review.inviteHeading")}</h2>
      <p>{t("review.inviteIntro")}</p>
      <form className="form" onSubmit={submit} noValidate>
        <Field id="invite-name" label={t("register.name")} errors={errors.name}>
          {(p) => <input {...p} maxLength={TEXT_LIMITS.name} {...text("name")} />}
        </Field>
        <Field id="invite-email" label={t("register.email")} errors={errors.email}>
          {(p) => <input {...p} type="email" maxLength={TEXT_LIMITS.email} {...text("email")} />}
        </Field>
        <Field id="invite-organisation" label={t("register.organisation")} errors={errors.organisation}>
          {(p) => <input {...p} maxLength={TEXT_LIMITS.organisation} {...text("organisation")} />}
        </Field>
        <Field id="invite-job" label={t("register.jobTitle")} errors={errors.jobTitle}>
          {(p) => <input {...p} maxLength={TEXT_LIMITS.jobTitle} {...text("jobTitle")} />}
        </Field>
        <Field id="invite-role" label={t("review.role")}>
          {(p) => (
            <select {...p} value={role} onChange={(e) => setRole(e.target.value as ParticipantRole)}>
              {PARTICIPANT_ROLES.map((r) => (
                <option key={r} value={r}>
                  {t(`roles.${r}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id="invite-language" label={t("review.language")}>
          {(p) => (
            <select {...p} value={language} onChange={(e) => setLanguage(e.target.value as Locale)}>
              <option value="nl" lang="nl">
                Nederlands
              </option>
              <option value="en" lang="en">
                English
              </option>
            </select>
          )}
        </Field>
        <button type="submit" className="primary" disabled={invite.isPending}>
          {t("review.invite")}
        </button>
        <div role="status" aria-live="polite">
          {invite.isSuccess && (
            <p className="notice notice-ok">
              {t("review.invited_done", { email: invite.variables?.email ?? "" })}
            </p>
          )}
        </div>
        {invite.isError && !Object.keys(errors).length && (
          <p role="alert" className="notice notice-error">
            {serverMessageOf(invite.error) ?? t("errors.generic")}
          </p>
        )}
      </form>
    </section>
  );
}

function SettingsForm(props: { seriesId: string; capacity: number | null; retentionMonths: number }) {
  const { t } = useTranslation("account");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [capacity, setCapacity] = useState(props.capacity === null ? "" : String(props.capacity));
  const [retention, setRetention] = useState(String(props.retentionMonths));
  const save = useMutation(
    trpc.review.updateSettings.mutationOptions({
      onSuccess: () => void queryClient.invalidateQueries({ queryKey: trpc.review.pathKey() }),
    }),
  );
  const errors = fieldErrorsOf(save.error);
  return (
    <section aria-labelledby="settings-heading">
      <h2 id="settings-heading">{t("review.settingsHeading")}</h2>
      <form
        className="form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate({
            seriesId: props.seriesId,
            capacity: capacity.trim() === "" ? null : Number(capacity),
            retentionMonths: Number(retention),
          });
        }}
      >
        <Field id="settings-capacity" label={t("review.capacity")} errors={errors.capacity}>
          {(p) => (
            <input
              {...p}
              type="number"
              min={1}
              inputMode="numeric"
              value={capacity}
              onChange={(e) => setCapacity(e.target.value)}
            />
          )}
        </Field>
        <Field id="settings-retention" label={t("review.retentionMonths")} errors={errors.retentionMonths}>
          {(p) => (
            <input
              {...p}
              type="number"
              min={1}
              max={120}
              inputMode="numeric"
              value={retention}
              onChange={(e) => setRetention(e.target.value)}
            />
          )}
        </Field>
        <button type="submit" className="primary" disabled={save.isPending}>
          {t("review.save")}
        </button>
        <div role="status" aria-live="polite">
          {save.isSuccess && <p className="notice notice-ok">{t("review.saved")}</p>}
        </div>
      </form>
    </section>
  );
}
