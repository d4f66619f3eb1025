export { TranscriptSection } from "./TranscriptSection";
