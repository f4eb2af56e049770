import { describe, expect, it } from "vitest";
import {
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  PASSWORD_PROBLEM_TEXT,
  type PasswordProblem,
  passwordProblem,
} from "./password-policy";

const identity = { email: "jordan.avery@example.com", handle: "@javery" };

describe("passwordProblem", () => {
  it.each<[string, string, { email?: string; handle?: string }, PasswordProblem | null]>([
    ["a long passphrase", "correct horse battery", {}, null],
    ["exactly the minimum length", "abcdefghik".slice(0, PASSWORD_MIN_LENGTH), {}, null],
    ["one short of the minimum", "abcdefghik".slice(0, PASSWORD_MIN_LENGTH - 1), {}, "too_short"],
    ["empty", "", {}, "too_short"],
    ["exactly the maximum length", "abcdefghij".repeat(13).slice(0, PASSWORD_MAX_LENGTH), {}, null],
    [
      "one over the maximum",
      "abcdefghij".repeat(13).slice(0, PASSWORD_MAX_LENGTH + 1),
      {},
      "too_long",
    ],
    ["length counts characters, not UTF-16 units", "😀😁😂🤣😃😄😅😆😉", {}, "too_short"],
    ["ten emoji are enough", "😀😁😂🤣😃😄😅😆😉😊", {}, null],
    ["a well-known password", "password123", {}, "too_common"],
    ["a well-known password in another case", "PassWord123", {}, "too_common"],
    ["a keyboard walk", "qwertyuiop", {}, "too_common"],
    ["one repeated character", "aaaaaaaaaaaa", {}, "too_simple"],
    ["four different characters", "abcdabcdabcd", {}, "too_simple"],
    ["case does not add variety", "AbCdAbCdaBcD", {}, "too_simple"],
    ["five different characters", "abcdeabcde", {}, null],
    ["contains the email's local part", "jordan.avery-rocks", identity, "contains_identity"],
    ["contains the handle, any case", "I am JAVERY ok", identity, "contains_identity"],
    [
      "contains the handle given with @",
      "javery-2026-go",
      { handle: "@javery" },
      "contains_identity",
    ],
    ["short identities are not checked", "bob-is-great-1", { handle: "bob" }, null],
    ["unrelated to the identity", "violet sunsets 42", identity, null],
    [
      "a common password beats the identity check",
      "password123",
      { handle: "password" },
      "too_common",
    ],
  ])("%s", (_label, password, who, expected) => {
    expect(passwordProblem(password, who)).toBe(expected);
  });

  it("has a message for every problem", () => {
    const problems: PasswordProblem[] = [
      "too_short",
      "too_long",
      "too_common",
      "too_simple",
      "contains_identity",
    ];
    for (const p of problems) expect(PASSWORD_PROBLEM_TEXT[p].length).toBeGreaterThan(10);
    expect(PASSWORD_PROBLEM_TEXT.too_short).toContain(String(PASSWORD_MIN_LENGTH));
  });
});
