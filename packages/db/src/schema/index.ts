export * from "./attendance";
export * from "./audit";
export * from "./auth";
export * from "./jobs";
export * from "./people";
export * from "./room";
export * from "./scheduling";
export * from "./series";
