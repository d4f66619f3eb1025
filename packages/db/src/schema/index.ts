export * from "./audit";
export * from "./jobs";
export * from "./people";
export * from "./scheduling";
export * from "./series";
