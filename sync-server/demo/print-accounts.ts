/** Prints the demo accounts at start-up, for people (not the log collector). */
import { DEMO_PASSWORD, demoUsers } from "./world";

export function printDemoAccounts(url: string) {
  const width = Math.max(...demoUsers.map((u) => u.email.length));
  const lines = demoUsers.map(
    (u) => `  ${u.email.padEnd(width)}  ${u.role.padEnd(15)}  ${u.demoNote}`,
  );
  process.stdout.write(
    `\nPeerLoop is running at ${url}\nDemo accounts (password for all: ${DEMO_PASSWORD}):\n${lines.join("\n")}\n\n`,
  );
}
