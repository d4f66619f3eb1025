import { RoomServiceClient } from "livekit-server-sdk";
import { httpUrlOf, type LivekitConnection } from "./connection";

export function createRoomService(connection: LivekitConnection): RoomServiceClient {
  return new RoomServiceClient(httpUrlOf(connection), connection.apiKey, connection.apiSecret);
}

/** True when the server answers an authenticated API call within the timeout. */
export async function livekitIsHealthy(rooms: RoomServiceClient, timeoutMs = 2000): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  try {
    return await Promise.race([rooms.listRooms().then(() => true as const), timeout]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}
