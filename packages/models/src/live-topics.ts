/**
 * LiveKit data-channel topics. The server publishes on some and browsers on others; both sides
 * import them from here so that a rename cannot leave one side listening to nothing.
 */

/** The server tells every client in the room that the roster or the chat changed. */
export const ROOM_SIGNAL_TOPIC = "reeks.signal";

/** Browsers send each other ephemeral reactions (an emoji); the server neither sends nor stores them. */
export const ROOM_REACTION_TOPIC = "reeks.reaction";

/** What a signal on ROOM_SIGNAL_TOPIC says changed; the client refetches just that. */
export type RoomSignal = { what: "roster" | "chat" };
