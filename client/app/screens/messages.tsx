/** Conversations, newest first, with unread counts (messages after my read marker). */

import { Loading } from "../components/loading";
import { SignedIn } from "../components/signed-in";
import { useLive } from "../data/hooks";
import { usePeople } from "../data/people";
import { ago } from "../lib/format";

export function Messages() {
  return <SignedIn title="Messages">{({ me }) => <List me={me.id} />}</SignedIn>;
}

function List({ me }: { me: string }) {
  const people = usePeople();
  const conversations = useLive(
    (l) => l.db.conversations.find({ sort: [{ updatedAt: "desc" }] }).$,
    [],
  );
  const messages = useLive((l) => l.db.messages.find().$, []);
  if (!conversations || !messages) return <Loading title="Messages" />;
  return (
    <section>
      <h1>Messages</h1>
      {conversations.length === 0 ? (
        <p>
          No conversations yet. Start one from a course with your teacher, or from Teaching with a
          student.
        </p>
      ) : (
        <ul class="list">
          {conversations.map((c) => {
            const mine = c.participants.find((p) => p.userId === me);
            const others = c.participants
              .filter((p) => p.userId !== me)
              .map((p) => people.get(p.userId)?.name ?? "Someone");
            const inThread = messages.filter((m) => m.conversationId === c.id);
            const last = inThread.reduce<(typeof inThread)[number] | null>(
              (a, m) => (!a || m.createdAt > a.createdAt ? m : a),
              null,
            );
            const unread = inThread.filter(
              (m) =>
                m.senderId !== me && (mine?.lastReadAt == null || m.createdAt > mine.lastReadAt),
            ).length;
            return (
              <li key={c.id}>
                <a href={`/messages/${c.id}`} class="row">
                  <strong>{others.join(", ") || "Just you"}</strong>
                  {unread ? (
                    <span class="count">
                      {unread}
                      <span class="visually-hidden"> unread</span>
                    </span>
                  ) : null}
                  <span class="muted preview">{last ? last.content : "No messages yet"}</span>
                  <span class="muted when">{ago(last?.createdAt ?? c.updatedAt)}</span>
                </a>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
