/** Brand, navigation and the sync status; the session-expired notice when there is one. */
import { useLocation } from "preact-iso";
import { signOut } from "../data/auth";
import { useSession } from "../data/hooks";
import { sessionExpired } from "../data/session";
import { useStore } from "../lib/store";
import { SyncStatusBar } from "./sync-status";

export function Header() {
  const s = useSession();
  const expired = useStore(sessionExpired);
  const { path, route } = useLocation();
  const teaches = s && (s.user.isStudentTeacher || s.user.isCreator);
  const links: [string, string][] = s
    ? [
        ["/learn", "My learning"],
        ["/courses", "Courses"],
        ["/sessions", "Sessions"],
        ["/messages", "Messages"],
        ["/notifications", "Notifications"],
        ...(teaches ? ([["/teaching", "Teaching"]] as [string, string][]) : []),
        ["/certificates", "Certificates"],
        ...(teaches ? ([["/earnings", "Earnings"]] as [string, string][]) : []),
        ...(s.user.isEmployer ? ([["/sponsorships", "Sponsored"]] as [string, string][]) : []),
        ["/profile", "Profile"],
      ]
    : [
        ["/courses", "Courses"],
        ["/sign-in", "Sign in"],
        ["/sign-up", "Sign up"],
      ];
  const current = (href: string) =>
    path === href || path.startsWith(`${href}/`) || (href === "/learn" && path === "/");
  return (
    <header class="top">
      <div class="bar">
        <a class="brand" href={s ? "/learn" : "/courses"}>
          PeerLoop
        </a>
        <SyncStatusBar />
      </div>
      <nav aria-label="Main">
        <ul>
          {links.map(([href, label]) => (
            <li key={href}>
              <a href={href} aria-current={current(href) ? "page" : undefined}>
                {label}
              </a>
            </li>
          ))}
          {s ? (
            <li>
              <button
                type="button"
                class="link"
                onClick={() => void signOut().then(() => route("/sign-in"))}
              >
                Sign out
              </button>
            </li>
          ) : null}
        </ul>
      </nav>
      {expired && s ? (
        <p class="notice" role="alert">
          Your session has ended. <a href="/sign-in">Sign in again</a> to keep syncing — your work
          on this device is kept.
        </p>
      ) : null}
    </header>
  );
}
