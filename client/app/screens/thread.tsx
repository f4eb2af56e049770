/** One conversation: messages, compose (works offline; shown pending until the server has it). */
import { useEffect, useState } from "preact/hooks";
import { Loading } from "../components/loading";
import { SignedIn } from "../components/signed-in";
import { useLive } from "../data/hooks";
import type { Local } from "../data/local";
import { markRead, outbox, sendMessage, watchOutbox } from "../data/messaging";
import { usePeople } from "../data/people";
import { dateTime } from "../lib/format";
import { useStore } from "../lib/store";

export function Thread({ conversationId }: { conversationId: string }) {
  return (
    <SignedIn title="Conversation">
      {({ me, local }) => <Body local={local} me={me.id} id={conversationId} />}
    </SignedIn>
  );
}

function Body({ local, me, id }: { local: Local; me: string; id: string }) {
  const people = usePeople();
  const pending = useStore(outbox);
  const [draft, setDraft] = useState("");
  const conversation = useLive((l) => l.db.conversations.findOne(id).$, [id]);
  const messages = useLive(
    (l) => l.db.messages.find({ selector: { conversationId: id }, sort: [{ createdAt: "asc" }] }).$,
    [id],
  );
  const count = messages?.length ?? 0;
  useEffect(() => {
    watchOutbox(local);
    if (count) void markRead(local, id, me);
  }, [local, id, me, count]);

  if (conversation === undefined) return <Loading title="Conversation" />;
  if (!conversation) {
    return (
      <section>
        <h1>Conversation</h1>
        <p>
          This conversation is not on this device. <a href="/messages">All messages</a>
        </p>
      </section>
    );
  }
  const others = conversation.participants
    .filter((p) => p.userId !== me)
    .map((p) => people.get(p.userId)?.name ?? "Someone");
  async function send(e: Event) {
    e.preventDefault();
    const text = draft.trim();
    if (!text) return;
    setDraft("");
    await sendMessage(local, id, me, text);
  }
  return (
    <section class="thread">
      <p>
        <a href="/messages">← All messages</a>
      </p>
      <h1>{others.join(", ") || "Conversation"}</h1>
      <ol class="messages" aria-label="Messages">
        {(messages ?? []).map((m) => (
          <li key={m.id} class={m.senderId === me ? "mine" : "theirs"}>
            <p class="who">
              {m.senderId === me ? "You" : (people.get(m.senderId)?.name ?? "Someone")}
            </p>
            <p>{m.content}</p>
            <p class="muted when">
              {pending.has(m.id) ? "Pending — sends when online" : dateTime(m.createdAt)}
            </p>
          </li>
        ))}
      </ol>
      <form class="compose" onSubmit={send}>
        <label for="compose">Your message</label>
        <textarea
          id="compose"
          rows={3}
          value={draft}
          required
          onInput={(e) => setDraft((e.currentTarget as HTMLTextAreaElement).value)}
        />
        <button type="submit" class="primary">
          Send
        </button>
      </form>
    </section>
  );
}
