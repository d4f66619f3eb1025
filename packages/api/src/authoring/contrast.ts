// The contrast rules live in @reeks/models, so the mails of other packages colour themselves alike.
export { AA_RATIO, accentContrast, contrastRatio, luminance, TEXT_COLOUR, WHITE } from "@reeks/models";
