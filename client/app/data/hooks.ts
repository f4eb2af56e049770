/** Hooks that bind screens to the session, the local database and the network. */
import { useEffect, useState } from "preact/hooks";
import { useStore } from "../lib/store";
import { type Local, localState } from "./local";
import { session } from "./session";

export function useSession() {
  return useStore(session);
}

/** The ready local database, or null while it opens (or when signed out). */
export function useLocal(): Local | null {
  const s = useStore(localState);
  return s.kind === "ready" ? s.local : null;
}

interface Subscribable<T> {
  subscribe(next: (value: T) => void): { unsubscribe(): void };
}

/**
 * A live query on the local database: re-renders whenever its result changes (local writes
 * and synced changes alike). `undefined` until the first result.
 */
export function useLive<T>(
  make: (local: Local) => Subscribable<T> | null,
  deps: readonly unknown[],
): T | undefined {
  const local = useLocal();
  const [value, setValue] = useState<T | undefined>(undefined);
  useEffect(() => {
    setValue(undefined);
    if (!local) return;
    const source = make(local);
    if (!source) return;
    const sub = source.subscribe((v) => setValue(() => v));
    return () => sub.unsubscribe();
  }, [local, ...deps]);
  return value;
}

/** navigator.onLine, live. (The sync status refines it with the server's reachability.) */
export function useOnline(): boolean {
  const [online, setOnline] = useState(() => navigator.onLine);
  useEffect(() => {
    const on = () => setOnline(true);
    const off = () => setOnline(false);
    window.addEventListener("online", on);
    window.addEventListener("offline", off);
    return () => {
      window.removeEventListener("online", on);
      window.removeEventListener("offline", off);
    };
  }, []);
  return online;
}

/** Re-renders every `ms` (for "2 min ago" labels). */
export function useTick(ms: number): number {
  const [n, setN] = useState(0);
  useEffect(() => {
    const t = setInterval(() => setN((x) => x + 1), ms);
    return () => clearInterval(t);
  }, [ms]);
  return n;
}
