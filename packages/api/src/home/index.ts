// The home page of a signed-in person: "Mijn sessies" per series and an organiser's to-do list.
export { type HomeSeries, type HomeSession, type MyHome, myHome, type OrganiserTodo } from "./my-home";
