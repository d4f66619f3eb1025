import { useCallback, useState } from "react";

/** One polite live region for the room: hands, speakers, reactions, stage changes. */
export function useAnnouncer() {
  const [message, setMessage] = useState({ text: "", n: 0 });
  const say = useCallback((text: string) => setMessage((m) => ({ text, n: m.n + 1 })), []);
  return { message, say };
}

export function Announcer({ message }: { message: { text: string; n: number } }) {
  return (
    <div
      className="visually-hidden"
      role="status"
      aria-live="polite"
      aria-atomic="true"
      data-testid="announcer"
    >
      {/* The key makes a repeated sentence count as new. */}
      <span key={message.n}>{message.text}</span>
    </div>
  );
}
