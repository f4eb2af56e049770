/** Notifications, newest first; reading one marks it read on every device. */

import { Loading } from "../components/loading";
import { SignedIn } from "../components/signed-in";
import { useLive } from "../data/hooks";
import { ago } from "../lib/format";

export function Notifications() {
  return <SignedIn title="Notifications">{() => <List />}</SignedIn>;
}

function List() {
  const items = useLive((l) => l.db.notifications.find({ sort: [{ createdAt: "desc" }] }).$, []);
  if (!items) return <Loading title="Notifications" />;
  const unread = items.filter((n) => !n.isRead);
  const markRead = (n: (typeof items)[number]) =>
    n.incrementalPatch({ isRead: true, readAt: new Date().toISOString() });
  return (
    <section>
      <h1>Notifications</h1>
      {unread.length > 1 ? (
        <p>
          <button type="button" onClick={() => unread.forEach((n) => void markRead(n))}>
            Mark all as read
          </button>
        </p>
      ) : null}
      {items.length === 0 ? <p>Nothing new. You are all caught up.</p> : null}
      <ul class="list">
        {items.map((n) => (
          <li key={n.id} class={n.isRead ? "read" : "unread"}>
            <h2 class="h3">
              {n.isRead ? "" : <span class="visually-hidden">Unread: </span>}
              {n.title}
            </h2>
            <p>{n.body}</p>
            <p class="muted">
              {ago(n.createdAt)}
              {n.actionUrl ? (
                <>
                  {" "}
                  ·{" "}
                  <a href={n.actionUrl} onClick={() => void markRead(n)}>
                    Open
                  </a>
                </>
              ) : null}
              {!n.isRead ? (
                <>
                  {" "}
                  ·{" "}
                  <button type="button" class="link" onClick={() => void markRead(n)}>
                    Mark as read
                  </button>
                </>
              ) : null}
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}
