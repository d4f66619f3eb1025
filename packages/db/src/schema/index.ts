export * from "./people";
export * from "./series";
