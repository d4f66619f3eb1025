import { zodResolver } from "@hookform/resolvers/zod";
import { LANGUAGE_OFFERS, type LanguageOffer, pickLocale, slugSchema } from "@reeks/models";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { Field } from "../../components/Field";
import { PageTitle } from "../../components/PageTitle";
import { fieldErrorsOf, httpStatusOf, serverMessageOf } from "../../lib/errors";
import { useLocale } from "../../lib/locale";
import { useTRPC } from "../../lib/trpc";

/** The workspace administrator's page: create series (as drafts) and appoint their organisers. */
export function AdminPage() {
  const { t } = useTranslation("authoring");
  const { t: tc } = useTranslation("common");
  const trpc = useTRPC();
  const series = useQuery(trpc.administration.series.queryOptions());
  if (series.isPending) return <p role="status">{tc("loading")}</p>;
  if (series.isError) {
    const status = httpStatusOf(series.error);
    return (
      <p role="alert">{status === 401 || status === 403 ? t("admin.forbidden") : t("errors.generic")}</p>
    );
  }
  return (
    <>
      <PageTitle>{t("admin.title")}</PageTitle>
      <CreateSeriesForm />
      <h2>{t("admin.series")}</h2>
      <ul className="admin-series">
        {series.data.map((s) => (
          <SeriesEntry key={s.id} series={s} />
        ))}
      </ul>
    </>
  );
}

const createSchema = z.object({
  slug: slugSchema,
  titleNl: z.string().trim().max(200),
  titleEn: z.string().trim().max(200),
  organiser: z.string().trim().min(1).max(200),
  languages: z.enum(LANGUAGE_OFFERS),
});
type CreateValues = z.infer<typeof createSchema>;

function CreateSeriesForm() {
  const { t } = useTranslation("authoring");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [done, setDone] = useState<string | null>(null);
  const form = useForm<CreateValues>({
    resolver: zodResolver(createSchema),
    defaultValues: { slug: "", titleNl: "", titleEn: "", organiser: "", languages: "both" },
    shouldFocusError: true,
  });
  const slug = form.watch("slug");
  const slugValid = slugSchema.safeParse(slug).success;
  // Checked as the administrator types; the database still decides when two race for one slug.
  const available = useQuery(
    trpc.administration.slugAvailable.queryOptions({ slug }, { enabled: slugValid, staleTime: 2_000 }),
  );
  const create = useMutation(
    trpc.administration.createSeries.mutationOptions({
      onSuccess: (made) => {
        setDone(made.slug);
        form.reset();
        void queryClient.invalidateQueries(trpc.administration.series.queryFilter());
      },
    }),
  );
  const server = fieldErrorsOf(create.error);
  const errorsOf = (name: keyof CreateValues): string[] | undefined => {
    const local = form.formState.errors[name];
    if (local) return [name === "slug" ? t("errors.slug") : t("errors.required")];
    return server[name];
  };
  const submit = form.handleSubmit((values) => {
    setDone(null);
    create.mutate({
      slug: values.slug,
      title: { nl: values.titleNl, en: values.titleEn },
      organiser: values.organiser,
      languages: values.languages,
    });
  });
  return (
    <form onSubmit={submit} noValidate aria-labelledby="create-series">
      <h2 id="create-series">{t("admin.create")}</h2>
      <Field id="slug" label={t("admin.slug")} hint={t("admin.slugHint")} errors={errorsOf("slug")}>
        {(props) => <input {...props} {...form.register("slug")} autoComplete="off" />}
      </Field>
      <p role="status" aria-live="polite" className="field-hint">
        {slugValid && available.data
          ? available.data.available
            ? t("admin.slugFree")
            : t("admin.slugTaken")
          : ""}
      </p>
      <Field id="titleNl" label={t("admin.titleNl")} errors={errorsOf("titleNl")}>
        {(props) => <input {...props} {...form.register("titleNl")} />}
      </Field>
      <Field id="titleEn" label={t("admin.titleEn")} errors={errorsOf("titleEn")}>
        {(props) => <input {...props} {...form.register("titleEn")} />}
      </Field>
      <Field id="organiser" label={t("admin.organiser")} errors={errorsOf("organiser")}>
        {(props) => <input {...props} {...form.register("organiser")} />}
      </Field>
      <fieldset>
        <legend>{t("admin.languages")}</legend>
        {LANGUAGE_OFFERS.map((offer: LanguageOffer) => (
          <div key={offer} className="check-field">
            <input id={`languages-${offer}`} type="radio" value={offer} {...form.register("languages")} />
            <label htmlFor={`languages-${offer}`}>{t(`admin.language.${offer}`)}</label>
          </div>
        ))}
      </fieldset>
      {create.error && !Object.keys(server).length && (
        <p role="alert">{serverMessageOf(create.error) ?? t("errors.generic")}</p>
      )}
      {done && <p role="status">{t("admin.created", { slug: done })}</p>}
      <button type="submit" disabled={create.isPending}>
        {t("admin.submit")}
      </button>
    </form>
  );
}

const appointSchema = z.object({
  email: z.email(),
  name: z.string().trim().min(1).max(120),
  organisation: z.string().trim().min(1).max(160),
});
type AppointValues = z.infer<typeof appointSchema>;

interface SeriesRow {
  id: string;
  slug: string;
  title: { nl: string; en?: string };
  status: string;
  organisers: Array<{ participantId: string; name: string; email: string }>;
}

function SeriesEntry({ series }: { series: SeriesRow }) {
  const { t } = useTranslation("authoring");
  const locale = useLocale();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries(trpc.administration.series.queryFilter());
  const form = useForm<AppointValues>({
    resolver: zodResolver(appointSchema),
    defaultValues: { email: "", name: "", organisation: "" },
    shouldFocusError: true,
  });
  const appoint = useMutation(
    trpc.administration.appointOrganiser.mutationOptions({
      onSuccess: () => {
        form.reset();
        void refresh();
      },
    }),
  );
  const remove = useMutation(trpc.administration.removeOrganiser.mutationOptions({ onSuccess: refresh }));
  const server = fieldErrorsOf(appoint.error);
  const errorsOf = (name: keyof AppointValues): string[] | undefined => {
    if (form.formState.errors[name]) return [name === "email" ? t("errors.email") : t("errors.required")];
    return server[name];
  };
  const id = (name: string) => `${series.slug}-${name}`;
  const title = pickLocale(series.title, locale) || series.slug;
  return (
    <li>
      <h3>
        {title} <span className="badge">{t(`admin.status.${series.status as "draft"}`)}</span>
      </h3>
      <p>
        {t("admin.organisers")}: {series.organisers.length === 0 ? t("admin.none") : null}
      </p>
      <ul>
        {series.organisers.map((o) => (
          <li key={o.participantId}>
            {o.name} ({o.email}){" "}
            <button
              type="button"
              onClick={() => remove.mutate({ seriesId: series.id, participantId: o.participantId })}
            >
              {t("admin.remove", { name: o.name })}
            </button>
          </li>
        ))}
      </ul>
      {remove.error && <p role="alert">{serverMessageOf(remove.error) ?? t("errors.generic")}</p>}
      <form
        noValidate
        aria-label={`${t("admin.appoint")}: ${title}`}
        onSubmit={form.handleSubmit((values) =>
          appoint.mutate({ seriesId: series.id, ...values, locale: locale === "en" ? "en" : "nl" }),
        )}
      >
        <Field id={id("email")} label={t("admin.email")} errors={errorsOf("email")}>
          {(props) => <input {...props} type="email" {...form.register("email")} />}
        </Field>
        <Field id={id("name")} label={t("admin.name")} errors={errorsOf("name")}>
          {(props) => <input {...props} {...form.register("name")} />}
        </Field>
        <Field id={id("organisation")} label={t("admin.organisation")} errors={errorsOf("organisation")}>
          {(props) => <input {...props} {...form.register("organisation")} />}
        </Field>
        {appoint.isSuccess && <p role="status">{t("admin.appointed", { email: appoint.variables.email })}</p>}
        <button type="submit" disabled={appoint.isPending}>
          {t("admin.appointSubmit")}
        </button>
      </form>
    </li>
  );
}
