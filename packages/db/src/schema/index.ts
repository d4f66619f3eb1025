export * from "./audit";
export * from "./auth";
export * from "./excusal";
export * from "./jobs";
export * from "./people";
export * from "./scheduling";
export * from "./series";
