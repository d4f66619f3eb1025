/** The catalogues, apart from i18next's set-up so that tests (and tools) can load them in Node. */
import enAccount from "./locales/en/account.json";
import enAuthoring from "./locales/en/authoring.json";
import enBreakout from "./locales/en/breakout.json";
import enCommon from "./locales/en/common.json";
import enConnectionTest from "./locales/en/connectionTest.json";
import enDashboard from "./locales/en/dashboard.json";
import enHome from "./locales/en/home.json";
import enOutcomes from "./locales/en/outcomes.json";
import enRoom from "./locales/en/room.json";
import enScheduling from "./locales/en/scheduling.json";
import enTranscript from "./locales/en/transcript.json";
import nlAccount from "./locales/nl/account.json";
import nlAuthoring from "./locales/nl/authoring.json";
import nlBreakout from "./locales/nl/breakout.json";
import nlCommon from "./locales/nl/common.json";
import nlConnectionTest from "./locales/nl/connectionTest.json";
import nlDashboard from "./locales/nl/dashboard.json";
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
    transcript: enTranscript,
  },
} as const;
