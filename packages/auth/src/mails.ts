import { html, type MailBrand, mailButton, mailLayout, type OutgoingMail } from "@reeks/mail";
import type { Locale } from "@reeks/models";

const MINUTES = 10;

const copy = {
  nl: {
    subject: "Je inloglink voor Reeks",
    greeting: (name: string) => `Beste ${name},`,
    intro: "Klik op de knop hieronder om in te loggen bij Reeks.",
    button: "Inloggen bij Reeks",
    validity: `De link werkt één keer en is ${MINUTES} minuten geldig.`,
    ignore: "Heb je niet om deze link gevraagd? Dan kun je deze e-mail negeren; er gebeurt niets.",
    fallback: "Werkt de knop niet? Kopieer dan deze link in je browser:",
    registrationSubject: (series: string) => `Bevestig je aanmelding voor “${series}”`,
    registrationIntro: (series: string) =>
      `Je hebt je aangemeld voor de reeks “${series}”. Bevestig je e-mailadres met de knop hieronder; daarna beoordeelt de organisatie je aanmelding.`,
    approvedSubject: (series: string) => `Je bent aangemeld voor “${series}”: bevestig je e-mailadres`,
    approvedIntro: (series: string) =>
      `Je aanmelding voor de reeks “${series}” is goedgekeurd: je hebt een plaats. Bevestig je e-mailadres met de knop hieronder; daarna kun je je beschikbaarheid doorgeven en de sessies bijwonen.`,
    waitlistedSubject: (series: string) =>
      `Je staat op de wachtlijst voor “${series}”: bevestig je e-mailadres`,
    waitlistedIntro: (series: string) =>
      `Dank voor je aanmelding voor de reeks “${series}”. De reeks is vol; je staat op de wachtlijst. Bevestig je e-mailadres met de knop hieronder. Komt er een plaats vrij, dan laten we het je weten.`,
    registrationButton: "E-mailadres bevestigen",
    registrationIgnore:
      "Heb je je niet aangemeld? Negeer deze e-mail dan; zonder bevestiging gebeurt er niets.",
  },
  en: {
    subject: "Your sign-in link for Reeks",
    greeting: (name: string) => `Dear ${name},`,
    intro: "Click the button below to sign in to Reeks.",
    button: "Sign in to Reeks",
    validity: `The link works once and is valid for ${MINUTES} minutes.`,
    ignore: "Did you not ask for this link? Then you can ignore this e-mail; nothing will happen.",
    fallback: "Does the button not work? Copy this link into your browser:",
    registrationSubject: (series: string) => `Confirm your registration for “${series}”`,
    registrationIntro: (series: string) =>
      `You registered for the series “${series}”. Confirm your e-mail address with the button below; the organisers will then review your registration.`,
    approvedSubject: (series: string) => `You are registered for “${series}”: confirm your e-mail address`,
    approvedIntro: (series: string) =>
      `Your registration for the series “${series}” has been approved: you have a place. Confirm your e-mail address with the button below; then you can give your availability and join the sessions.`,
    waitlistedSubject: (series: string) =>
      `You are on the waiting list for “${series}”: confirm your e-mail address`,
    waitlistedIntro: (series: string) =>
      `Thank you for registering for the series “${series}”. The series is full; you are on the waiting list. Confirm your e-mail address with the button below. We will let you know if a place becomes available.`,
    registrationButton: "Confirm e-mail address",
    registrationIgnore:
      "Did you not register? Then ignore this e-mail; without confirmation nothing happens.",
  },
} as const;

/** The sign-in mail, in the person's language. Names are escaped in the HTML part. */
export function magicLinkMail(options: {
  to: string;
  name: string;
  url: string;
  locale: Locale;
  /** Set when the link confirms a registration for this series (double opt-in). */
  registrationFor?: string | undefined;
  /** Where the registration stands: the series' settings may have given a place or the waiting list. */
  placement?: "review" | "approved" | "waitlisted" | undefined;
  /** The series' logo and accent (registration mails only). */
  brand?: MailBrand | undefined;
}): OutgoingMail {
  const c = copy[options.locale];
  const series = options.registrationFor;
  const wording = {
    review: [c.registrationSubject, c.registrationIntro],
    approved: [c.approvedSubject, c.approvedIntro],
    waitlisted: [c.waitlistedSubject, c.waitlistedIntro],
  } as const;
  const [subjectOf, introOf] = wording[options.placement ?? "review"];
  const subject = series ? subjectOf(series) : c.subject;
  const intro = series ? introOf(series) : c.intro;
  const button = series ? c.registrationButton : c.button;
  const ignore = series ? c.registrationIgnore : c.ignore;
  const greeting = c.greeting(options.name || options.to);
  const text = [greeting, "", intro, "", options.url, "", c.validity, ignore].join("\n");
  const body = html`<p>${greeting}</p>
<p>${intro}</p>
${mailButton(options.url, button, options.brand)}
<p>${c.validity}</p>
<p>${ignore}</p>
<p>${c.fallback}<br><a href="${options.url}">${options.url}</a></p>`;
  return {
    to: options.to,
    subject,
    text,
    html: mailLayout({
      lang: options.locale,
      title: subject,
      body,
      ...(series && options.brand ? { brand: options.brand } : {}),
    }),
  };
}
