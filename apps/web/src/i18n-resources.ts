/** The catalogues, apart from i18next's set-up so that tests (and tools) can load them in Node. */
import enAccessibility from "./locales/en/accessibility.json";
import enAccount from "./locales/en/account.json";
import enAgenda from "./locales/en/agenda.json";
import enAuthoring from "./locales/en/authoring.json";
import enBreakout from "./locales/en/breakout.json";
import enCaptions from "./locales/en/captions.json";
import enCertificates from "./locales/en/certificates.json";
import enCommon from "./locales/en/common.json";
import enConnectionTest from "./locales/en/connectionTest.json";
import enDashboard from "./locales/en/dashboard.json";
import enEvaluation from "./locales/en/evaluation.json";
import enHome from "./locales/en/home.json";
import enOutcomes from "./locales/en/outcomes.json";
import enRoom from "./locales/en/room.json";
import enScheduling from "./locales/en/scheduling.json";
import enTranscript from "./locales/en/transcript.json";
import nlAccessibility from "./locales/nl/accessibility.json";
import nlAccount from "./locales/nl/account.json";
import nlAgenda from "./locales/nl/agenda.json";
import nlAuthoring from "./locales/nl/authoring.json";
import nlBreakout from "./locales/nl/breakout.json";
import nlCaptions from "./locales/nl/captions.json";
import nlCertificates from "./locales/nl/certificates.json";
import nlCommon from "./locales/nl/common.json";
import nlConnectionTest from "./locales/nl/connectionTest.json";
import nlDashboard from "./locales/nl/dashboard.json";
import nlEvaluation from "./locales/nl/evaluation.json";
import nlHome from "./locales/nl/home.json";
import nlOutcomes from "./locales/nl/outcomes.json";
import nlRoom from "./locales/nl/room.json";
import nlScheduling from "./locales/nl/scheduling.json";
import nlTranscript from "./locales/nl/transcript.json";

export const resources = {
  nl: {
    common: nlCommon,
    home: nlHome,
    connectionTest: nlConnectionTest,
    account: nlAccount,
    dashboard: nlDashboard,
    scheduling: nlScheduling,
    outcomes: nlOutcomes,
    room: nlRoom,
    authoring: nlAuthoring,
    breakout: nlBreakout,
    evaluation: nlEvaluation,
    certificates: nlCertificates,
    accessibility: nlAccessibility,
    agenda: nlAgenda,
    captions: nlCaptions,
    transcript: nlTranscript,
  },
  en: {
    common: enCommon,
    home: enHome,
    connectionTest: enConnectionTest,
    account: enAccount,
    dashboard: enDashboard,
    scheduling: enScheduling,
    outcomes: enOutcomes,
    room: enRoom,
    authoring: enAuthoring,
    breakout: enBreakout,
    evaluation: enEvaluation,
    certificates: enCertificates,
    accessibility: enAccessibility,
    agenda: enAgenda,
    captions: enCaptions,
    transcript: enTranscript,
  },
} as const;
