import { html, type MailBrand, mailButton, mailLayout, type OutgoingMail } from "@reeks/mail";
import type { Locale, ParticipantRole, ReviewDecision } from "@reeks/models";

const ROLE_NAMES: Record<Locale, Record<ParticipantRole, string>> = {
  nl: { organiser: "organisator", moderator: "moderator", speaker: "spreker", member: "deelnemer" },
  en: { organiser: "organiser", moderator: "moderator", speaker: "speaker", member: "participant" },
};

type DecisionCopy = Record<ReviewDecision | "waitlistFull", { subject: string; body: string }>;

const DECISION_COPY: Record<Locale, DecisionCopy> = {
  nl: {
    approve: {
      subject: "Je aanmelding voor “{series}” is goedgekeurd",
      body: "Goed nieuws: je aanmelding voor “{series}” is goedgekeurd. Je bent nu deelnemer van de reeks en kunt je beschikbaarheid doorgeven en de sessies bijwonen.",
    },
    waitlist: {
      subject: "Je staat op de wachtlijst voor “{series}”",
      body: "Dank voor je aanmelding voor “{series}”. De organisatie kan je nu nog geen plaats geven; je staat op de wachtlijst. Kunnen we je een plaats aanbieden, dan laten we het je weten.",
    },
    waitlistFull: {
      subject: "Je staat op de wachtlijst voor “{series}”",
      body: "Dank voor je aanmelding voor “{series}”. De reeks is op dit moment vol; je staat op de wachtlijst. Komt er een plek vrij, dan laten we het je weten.",
    },
    decline: {
      subject: "Je aanmelding voor “{series}”",
      body: "Dank voor je aanmelding voor “{series}”. Helaas kunnen we je deze keer geen plaats aanbieden. Je gegevens voor deze reeks worden volgens de bewaartermijn verwijderd.",
    },
  },
  en: {
    approve: {
      subject: "Your registration for “{series}” has been approved",
      body: "Good news: your registration for “{series}” has been approved. You are now a participant in the series and can give your availability and join the sessions.",
    },
    waitlist: {
      subject: "You are on the waiting list for “{series}”",
      body: "Thank you for registering for “{series}”. The organisers cannot offer you a place yet; you are on the waiting list. We will let you know when we can offer you one.",
    },
    waitlistFull: {
      subject: "You are on the waiting list for “{series}”",
      body: "Thank you for registering for “{series}”. The series is full at the moment; you are on the waiting list. We will let you know if a place becomes available.",
    },
    decline: {
      subject: "Your registration for “{series}”",
      body: "Thank you for registering for “{series}”. Unfortunately we cannot offer you a place this time. Your data for this series will be deleted according to the retention period.",
    },
  },
};

const COMMON: Record<Locale, { greeting: (name: string) => string; open: string; signOff: string }> = {
  nl: {
    greeting: (n) => `Beste ${n},`,
    open: "Naar de reeks",
    signOff: "Met vriendelijke groet,\nde organisatie",
  },
  en: { greeting: (n) => `Dear ${n},`, open: "Go to the series", signOff: "Kind regards,\nthe organisers" },
};

function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_, k: string) => values[k] ?? "");
}

/** A mail in Reeks' layout: greeting, paragraphs, one button, sign-off; text and HTML alike. */
export function compose(options: {
  to: string;
  locale: Locale;
  subject: string;
  greeting: string;
  paragraphs: string[];
  link: { href: string; label: string };
  brand?: MailBrand | undefined;
}): OutgoingMail {
  const signOff = COMMON[options.locale].signOff;
  const text = [
    options.greeting,
    "",
    ...options.paragraphs.flatMap((p) => [p, ""]),
    `${options.link.label}: ${options.link.href}`,
    "",
    signOff,
  ].join("\n");
  const body = html`<p>${options.greeting}</p>
${options.paragraphs.map((p) => html`<p>${p}</p>`)}
${mailButton(options.link.href, options.link.label, options.brand)}
<p style="white-space: pre-line">${signOff}</p>`;
  return {
    to: options.to,
    subject: options.subject,
    text,
    html: mailLayout({
      lang: options.locale,
      title: options.subject,
      body,
      ...(options.brand ? { brand: options.brand } : {}),
    }),
  };
}

/** The mail after an organiser's decision, in the person's language. */
export function decisionMail(options: {
  to: string;
  name: string;
  locale: Locale;
  decision: ReviewDecision;
  /** Whether every place is taken: only then may a waitlist mail say the series is full. */
  seriesFull: boolean;
  seriesTitle: string;
  seriesUrl: string;
  brand?: MailBrand | undefined;
}): OutgoingMail {
  const variant = options.decision === "waitlist" && options.seriesFull ? "waitlistFull" : options.decision;
  const copy = DECISION_COPY[options.locale][variant];
  const values = { series: options.seriesTitle };
  return compose({
    to: options.to,
    locale: options.locale,
    subject: fill(copy.subject, values),
    greeting: COMMON[options.locale].greeting(options.name),
    paragraphs: [fill(copy.body, values)],
    link: { href: options.seriesUrl, label: COMMON[options.locale].open },
    brand: options.brand,
  });
}

/** A direct invitation from an organiser (e.g. a VNG or BZK guest as speaker). */
export function invitationMail(options: {
  to: string;
  name: string;
  locale: Locale;
  role: ParticipantRole;
  seriesTitle: string;
  organiserName: string;
  seriesUrl: string;
  brand?: MailBrand | undefined;
}): OutgoingMail {
  const role = ROLE_NAMES[options.locale][options.role];
  const nl = options.locale === "nl";
  const subject = nl ? `Uitnodiging: “${options.seriesTitle}”` : `Invitation: “${options.seriesTitle}”`;
  const paragraphs = nl
    ? [
        `${options.organiserName} nodigt je uit als ${role} voor de reeks “${options.seriesTitle}”.`,
        "Je hoeft je niet meer aan te melden. Open de reeks en log in met dit e-mailadres; je krijgt dan een inloglink per e-mail.",
      ]
    : [
        `${options.organiserName} invites you as ${role} to the series “${options.seriesTitle}”.`,
        "You do not need to register. Open the series and sign in with this e-mail address; you will receive a sign-in link by e-mail.",
      ];
  return compose({
    to: options.to,
    locale: options.locale,
    subject,
    greeting: COMMON[options.locale].greeting(options.name),
    paragraphs,
    link: { href: options.seriesUrl, label: COMMON[options.locale].open },
    brand: options.brand,
  });
}

/** To the organisers when a place is freed and approval is theirs: someone on the waiting list can move up. */
export function placeFreedMail(options: {
  to: string;
  name: string;
  locale: Locale;
  waiting: number;
  seriesTitle: string;
  reviewUrl: string;
  brand?: MailBrand | undefined;
}): OutgoingMail {
  const nl = options.locale === "nl";
  const { seriesTitle: series, waiting } = options;
  const subject = nl ? `Er is een plaats vrij in “${series}”` : `A place is free in “${series}”`;
  const paragraphs = nl
    ? [
        `Er is een plaats vrijgekomen in de reeks “${series}”. ${waiting === 1 ? "Er staat 1 persoon" : `Er staan ${waiting} personen`} op de wachtlijst.`,
        "De reeks vraagt om goedkeuring door de organisatie, dus niemand is vanzelf doorgeschoven. Kies wie de plaats krijgt.",
      ]
    : [
        `A place has become free in the series “${series}”. ${waiting === 1 ? "1 person is" : `${waiting} people are`} on the waiting list.`,
        "The series asks for the organisers' approval, so nobody has moved up on their own. Choose who gets the place.",
      ];
  return compose({
    to: options.to,
    locale: options.locale,
    subject,
    greeting: COMMON[options.locale].greeting(options.name),
    paragraphs,
    link: { href: options.reviewUrl, label: nl ? "Naar de aanmeldingen" : "Go to the registrations" },
    brand: options.brand,
  });
}
