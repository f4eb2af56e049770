/** Names of the people one deals with, from the synced profiles. */
import { useLive } from "./hooks";

export function usePeople(): Map<string, { name: string; handle: string }> {
  const profiles = useLive((l) => l.db.profiles.find().$, []);
  const map = new Map<string, { name: string; handle: string }>();
  for (const p of profiles ?? []) map.set(p.id, { name: p.name, handle: p.handle });
  return map;
}
