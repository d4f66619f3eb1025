/** How to reach a livekit-server: its WebSocket URL and an API key pair. */
export interface LivekitConnection {
  url: string;
  apiKey: string;
  apiSecret: string;
}

/** RoomServiceClient and friends speak HTTP to the same host as the ws:// signalling URL. */
export function httpUrlOf(connection: LivekitConnection): string {
  return connection.url.replace(/^ws(s?):\/\//, "http$1://");
}
