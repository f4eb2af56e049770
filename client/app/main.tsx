/** Entry point: draw the shell at once, then open the local database if someone is signed in. */
import { render } from "preact";
import { App } from "./app";
import { followSession } from "./data/local";
import { refreshMe, session } from "./data/session";
import "./base.css";
import "./screens.css";

followSession(session.get());
session.subscribe(followSession);

const root = document.getElementById("app");
if (root) render(<App />, root);

// After first paint, and never blocking it: the server may be far away or unreachable.
setTimeout(() => void refreshMe(), 0);
