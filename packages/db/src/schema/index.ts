export * from "./audit";
export * from "./auth";
export * from "./excusal";
export * from "./people";
export * from "./series";
