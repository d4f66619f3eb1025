export * from "./audit";
export * from "./excusal";
export * from "./people";
export * from "./series";
