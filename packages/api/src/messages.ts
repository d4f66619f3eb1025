import type { Locale } from "@reeks/models";

/** Messages the server itself writes for people (the web app translates everything else). */
const MESSAGES = {
  rateLimited: {
    nl: "Te veel pogingen. Wacht {minutes} minuten en probeer het dan opnieuw.",
    en: "Too many attempts. Please wait {minutes} minutes and try again.",
  },
  crossSite: {
    nl: "Dit verzoek kwam niet van Reeks zelf en is geweigerd.",
    en: "This request did not come from Reeks itself and was refused.",
  },
  batchTooLarge: {
    nl: "Te veel aanroepen in één verzoek (hoogstens {max}).",
    en: "Too many calls in one request (at most {max}).",
  },
  urlTooLong: {
    nl: "Het adres van dit verzoek is te lang (hoogstens {max} tekens).",
    en: "The address of this request is too long (at most {max} characters).",
  },
  bodyTooLarge: {
    nl: "Dit verzoek is te groot (hoogstens {max} kB).",
    en: "This request is too large (at most {max} kB).",
  },
  apiRateLimited: {
    nl: "Te veel verzoeken. Wacht {seconds} seconden en probeer het dan opnieuw.",
    en: "Too many requests. Please wait {seconds} seconds and try again.",
  },
  busy: {
    nl: "Reeks is even te druk. Probeer het over enkele seconden opnieuw.",
    en: "Reeks is too busy right now. Please try again in a few seconds.",
  },
  seriesFull: {
    nl: "De reeks is vol ({capacity} plaatsen). Zet de aanmelding op de wachtlijst of verhoog de capaciteit.",
    en: "The series is full ({capacity} places). Put the registration on the waiting list or raise the capacity.",
  },
  notConfirmed: {
    nl: "Deze persoon heeft het e-mailadres nog niet bevestigd.",
    en: "This person has not confirmed their e-mail address yet.",
  },
  notYourself: {
    nl: "Je kunt je eigen rol of aanmelding niet wijzigen; vraag een andere organisator.",
    en: "You cannot change your own role or registration; ask another organiser.",
  },
  notFound: { nl: "Niet gevonden.", en: "Not found." },
  databaseUnavailable: {
    nl: "Reeks kan de database nu niet bereiken. Probeer het over een minuut opnieuw.",
    en: "Reeks cannot reach its database right now. Please try again in a minute.",
  },
  removedFromSession: {
    nl: "Je bent uit deze sessie verwijderd.",
    en: "You were removed from this session.",
  },
  notInRoom: {
    nl: "Deze deelnemer is nu niet in de ruimte.",
    en: "This participant is not in the room right now.",
  },
  trackNotFound: {
    nl: "Deze deelnemer zendt dat beeld of geluid niet (meer) uit.",
    en: "This participant is not (or no longer) publishing that track.",
  },
  mediaUnavailable: {
    nl: "De mediaserver reageert nu niet. Probeer het zo opnieuw.",
    en: "The media server is not responding right now. Please try again shortly.",
  },
  internalError: {
    nl: "Er ging iets mis aan onze kant. Noem code {id} als je het meldt.",
    en: "Something went wrong on our side. Mention code {id} when you report it.",
  },
  mailUnavailable: {
    nl: "E-mail kan nu niet worden verstuurd. Probeer het later opnieuw.",
    en: "E-mail cannot be sent right now. Please try again later.",
  },
} as const satisfies Record<string, Record<Locale, string>>;

export type MessageKey = keyof typeof MESSAGES;

export function serverMessage(
  key: MessageKey,
  locale: Locale,
  values: Record<string, string | number> = {},
): string {
  return MESSAGES[key][locale].replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? ""));
}
