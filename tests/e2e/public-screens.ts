/**
 * The screens a person sees before signing in, and those the emailed links open, checked
 * with axe like the rest: sign in, sign up, forgot and reset password, email verification
 * (with a bad token: the error state is a screen too), a person's card, and "not found".
 */
import type { Browser } from "playwright-core";
import { type AxeFinding, axe, screenshot } from "./support";

const SCREENS: { name: string; path: string; heading: string | RegExp }[] = [
  { name: "sign-in", path: "/sign-in", heading: "Sign in" },
  { name: "sign-up", path: "/sign-up", heading: "Create your account" },
  { name: "forgot-password", path: "/forgot-password", heading: "Reset your password" },
  {
    name: "reset-password",
    path: "/reset-password?token=not-a-real-token-at-all",
    heading: "Choose a new password",
  },
  { name: "verify-email", path: "/verify-email?token=not-a-real-token-at-all", heading: /email/i },
  {
    name: "person-signed-out",
    path: "/people/00000000-0000-4000-8000-000000000000",
    heading: "Profile",
  },
  { name: "not-found", path: "/no-such-page", heading: "Page not found" },
];

export async function publicScreens(browser: Browser, base: string) {
  const findings: AxeFinding[] = [];
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  for (const s of SCREENS) {
    await page.goto(`${base}${s.path}`);
    await page.getByRole("heading", { level: 1, name: s.heading }).waitFor();
    // Let a verification or other first request settle into its final state.
    await page.waitForLoadState("networkidle");
    findings.push(...(await axe(page, s.name)));
    await screenshot(page, s.name);
  }
  await context.close();
  return { findings, screens: SCREENS.length };
}
