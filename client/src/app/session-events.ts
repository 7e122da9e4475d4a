type Listener = () => void;
const listeners = new Set<Listener>();

/** Lets the Apollo link (outside React) tell the auth provider that the session ended. */
export const sessionEvents = {
  expired(): void {
    for (const l of listeners) l();
  },
  onExpired(l: Listener): () => void {
    listeners.add(l);
    return () => listeners.delete(l);
  },
};
