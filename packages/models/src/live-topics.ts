/**
 * LiveKit data-channel topics. Both sides import them from here so that a rename cannot
 * leave one side listening to nothing. (Roster and chat changes travel on the session's SSE stream.)
 */

/** Browsers send each other ephemeral reactions (an emoji); the server neither sends nor stores them. */
export const ROOM_REACTION_TOPIC = "reeks.reaction";
