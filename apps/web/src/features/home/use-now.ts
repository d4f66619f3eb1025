import { useEffect, useState } from "react";

/**
 * The current time, renewed every `intervalMs`: enough for a countdown in minutes and for the join
 * button to open on time, without re-rendering (or announcing) every second.
 */
export function useNow(intervalMs = 15_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}
