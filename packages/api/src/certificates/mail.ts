import type { MailBrand, OutgoingMail } from "@reeks/mail";
import type { Locale } from "@reeks/models";
import { compose } from "../accounts/mails";

/** Tells a participant their certificate is ready, and where to download it. */
export function certificateMail(options: {
  to: string;
  name: string;
  locale: Locale;
  seriesTitle: string;
  myDataUrl: string;
  brand?: MailBrand | undefined;
}): OutgoingMail {
  const nl = options.locale === "nl";
  const series = options.seriesTitle;
  return compose({
    to: options.to,
    locale: options.locale,
    subject: nl ? `Je bewijs van deelname aan “${series}”` : `Your certificate of attendance for “${series}”`,
    greeting: nl ? `Beste ${options.name},` : `Dear ${options.name},`,
    paragraphs: nl
      ? [
          `De organisatie van “${series}” heeft een bewijs van deelname voor je uitgegeven.`,
          "Je downloadt het als PDF onder “Mijn gegevens”. Op het bewijs staat een adres en een QR-code waarmee iedereen kan nagaan dat het echt is.",
        ]
      : [
          `The organisers of “${series}” have issued a certificate of attendance for you.`,
          "You can download it as a PDF under “My data”. It carries an address and a QR code with which anyone can check that it is genuine.",
        ],
    link: { href: options.myDataUrl, label: nl ? "Naar Mijn gegevens" : "Go to My data" },
    brand: options.brand,
  });
}
