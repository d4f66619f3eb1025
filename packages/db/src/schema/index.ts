export * from "./attendance";
export * from "./audit";
export * from "./people";
export * from "./room";
export * from "./series";
