import { html, mailButton, mailLayout, type OutgoingMail } from "@reeks/mail";
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
  },
  en: {
    subject: "Your sign-in link for Reeks",
    greeting: (name: string) => `Dear ${name},`,
    intro: "Click the button below to sign in to Reeks.",
    button: "Sign in to Reeks",
    validity: `The link works once and is valid for ${MINUTES} minutes.`,
    ignore: "Did you not ask for this link? Then you can ignore this e-mail; nothing will happen.",
    fallback: "Does the button not work? Copy this link into your browser:",
  },
} as const;

/** The sign-in mail, in the person's language. Names are escaped in the HTML part. */
export function magicLinkMail(options: {
  to: string;
  name: string;
  url: string;
  locale: Locale;
}): OutgoingMail {
  const c = copy[options.locale];
  const greeting = c.greeting(options.name || options.to);
  const text = [greeting, "", c.intro, "", options.url, "", c.validity, c.ignore].join("\n");
  const body = html`<p>${greeting}</p>
<p>${c.intro}</p>
${mailButton(options.url, c.button)}
<p>${c.validity}</p>
<p>${c.ignore}</p>
<p>${c.fallback}<br><a href="${options.url}">${options.url}</a></p>`;
  return {
    to: options.to,
    subject: c.subject,
    text,
    html: mailLayout({ lang: options.locale, title: c.subject, body }),
  };
}
