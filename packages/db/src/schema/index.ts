export * from "./audit";
export * from "./live";
export * from "./outcomes";
export * from "./people";
export * from "./series";
