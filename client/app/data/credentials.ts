/**
 * Certificates and Student-Teacher certification from the PWA. Certificates themselves are
 * read offline from the local profile; deciding things (apply, recommend, approve, issue,
 * pause) is the server's, so those calls need a connection and say so when there is none.
 */
import { useCallback, useEffect, useState } from "preact/hooks";
import type { RecommendationView, TeacherApplicationLists } from "../../../shared/api/credentials";
import { api, describeError, OfflineError } from "../lib/api";
import { useOnline, useSession } from "./hooks";

export interface ServerData<T> {
  data: T | null;
  /** Why there is no data: offline, or the server's answer. */
  problem: string | null;
  reload(): void;
}

/** A GET against the API, re-run when the connection comes back or `reload` is called. */
export function useServerData<T>(path: string | null): ServerData<T> {
  const s = useSession();
  const online = useOnline();
  const [n, setN] = useState(0);
  const [data, setData] = useState<T | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    if (!s || !path) return;
    if (!online) {
      setProblem("You are offline: this list needs a connection.");
      return;
    }
    const ctrl = new AbortController();
    api<T>(path, { token: s.token, signal: ctrl.signal })
      .then((d) => {
        setData(d);
        setProblem(null);
      })
      .catch((err) => {
        if ((err as Error).name !== "AbortError") setProblem(describeError(err));
      });
    return () => ctrl.abort();
  }, [s?.token, online, path, n]);
  const reload = useCallback(() => setN((x) => x + 1), []);
  return { data, problem, reload };
}

export const useApplications = () =>
  useServerData<TeacherApplicationLists>("/api/teacher-applications");

export const useRecommendations = (enabled: boolean) =>
  useServerData<{ recommendations: RecommendationView[] }>(
    enabled ? "/api/certificates/recommendations" : null,
  );

/** One server action: `null` when it worked, else a sentence for the person. */
export async function act(
  token: string,
  method: "POST" | "PUT",
  path: string,
  body?: unknown,
): Promise<string | null> {
  if (!navigator.onLine) return describeError(new OfflineError("offline"));
  try {
    await api(path, { method, token, body: body ?? {} });
    return null;
  } catch (err) {
    return describeError(err);
  }
}
