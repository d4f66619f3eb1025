export { CaptionsAdmin } from "./CaptionsAdmin";
export { CaptionsBar } from "./CaptionsBar";
export { CaptionsTab, useCanCaption } from "./CaptionsTab";
export { type CaptionSettings, useCaptionSettings } from "./caption-settings";
