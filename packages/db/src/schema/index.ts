export * from "./audit";
export * from "./people";
export * from "./series";
