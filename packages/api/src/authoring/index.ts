// Organisers make their own series: administrators create series and appoint organisers
// (administration.ts); organisers edit settings, themes, sessions, registration and branding, each
// edit naming the version it started from (editor.ts), and take the series through its lifecycle.
export {
  appointOrganiser,
  createSeries,
  listAllSeries,
  makeAdministrator,
  removeOrganiser,
  slugAvailable,
} from "./administration";
export { advanceSeriesLifecycle } from "./auto-lifecycle";
export { AA_RATIO, accentContrast, contrastRatio } from "./contrast";
export { duplicateSeries } from "./duplicate";
export { type AuthoringActor, type EditableSeries, editableSeries } from "./editor";
export { completeness, deleteDraft, IncompleteSeries, missingForPublication, transition } from "./lifecycle";
export { logoOf, pngSize, rasteriseSvg, removeLogo, uploadLogo } from "./logo";
export { addSession, moveSession, removeSession, setSessionDate, updateSession } from "./sessions";
export { updateSeries } from "./settings";
export { addTheme, moveTheme, removeTheme, updateTheme } from "./themes";
