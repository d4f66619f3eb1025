export { AgendaDisclosure, AgendaEditor } from "./AgendaEditor";
export { AgendaList, AgendaListView } from "./AgendaList";
export { AgendaTimerBar } from "./AgendaTimerBar";
export { useAgenda } from "./use-agenda";
