export { BreakoutBar } from "./BreakoutBar";
export { BreakoutModerator } from "./BreakoutModerator";
export { BreakoutTab } from "./BreakoutTab";
export { BreakoutProvider, useBreakout } from "./breakout-context";
