/**
 * The always-visible sync status. Calm by design: offline is a state (grey), not an error;
 * only a problem the person can act on shows as one, with Retry. The live region announces
 * state changes only, not the ticking "synced 2 min ago".
 */
import type { SyncStatus } from "../../sync/index";
import { useLive, useOnline, useSession, useTick } from "../data/hooks";
import { localState } from "../data/local";
import { ago, plural } from "../lib/format";
import { useStore } from "../lib/store";

export function SyncStatusBar() {
  const s = useSession();
  const state = useStore(localState);
  const browserOnline = useOnline();
  const status = useLive<SyncStatus>((l) => l.sync.status$, []);
  if (!s || state.kind === "none") {
    return <Bar online={browserOnline} text={browserOnline ? "Online" : "Offline"} />;
  }
  if (state.kind === "opening" || !status) {
    return <Bar online={browserOnline} text="Opening your data…" />;
  }
  if (state.kind === "failed") {
    return (
      <Bar online={browserOnline} text="Your data could not be opened on this device." problem />
    );
  }
  return <Status status={status} />;
}

function Status({ status }: { status: SyncStatus }) {
  useTick(30_000);
  const local = useStore(localState);
  const sync = local.kind === "ready" ? local.local.sync : null;
  const err = status.lastError;
  const errorIsCurrent =
    err !== null &&
    err.code !== "network" &&
    status.online &&
    (status.lastSyncedAt === null || err.at > status.lastSyncedAt);
  const first = status.initialSync;
  const parts: string[] = [status.online ? "Online" : "Offline"];
  if (status.pendingChanges > 0) {
    parts.push(`${plural(status.pendingChanges, "change")} waiting to upload`);
  }
  return (
    <div class={`sync ${status.online ? "on" : "off"}`}>
      <span class="dot" aria-hidden="true" />
      <span role="status">{parts.join(" · ")}</span>
      {!first.done ? (
        <span class="first-sync">
          {status.online ? " · Downloading your data" : " · Download continues when online"}
          <progress
            max={first.collectionsTotal}
            value={first.collectionsDone}
            aria-label={`First sync: ${first.collectionsDone} of ${first.collectionsTotal} parts, ${first.documentsReceived} items`}
          />
        </span>
      ) : status.syncing && status.online ? (
        <span aria-hidden="true"> · Syncing…</span>
      ) : status.lastSyncedAt ? (
        <span> · Synced {ago(status.lastSyncedAt)}</span>
      ) : null}
      {errorIsCurrent && sync ? (
        <span class="sync-error" role="alert">
          Sync problem: {err.message}{" "}
          <button
            type="button"
            onClick={() => {
              sync.dismissError();
              sync.resync();
            }}
          >
            Retry
          </button>{" "}
          <button type="button" onClick={() => sync.dismissError()}>
            Dismiss
          </button>
        </span>
      ) : null}
    </div>
  );
}

function Bar(props: { online: boolean; text: string; problem?: boolean }) {
  return (
    <div class={`sync ${props.online ? "on" : "off"}${props.problem ? " problem" : ""}`}>
      <span class="dot" aria-hidden="true" />
      <span role="status">{props.text}</span>
    </div>
  );
}
