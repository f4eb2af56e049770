/**
 * For a path that exists under other methods (GET on a POST-only route), the methods it
 * does answer: the app's 404 handler turns that into `405 method_not_allowed` with an
 * `Allow` header, which tells a client developer what went wrong instead of "nothing here".
 */
import type { RouteSpec } from "./api-router";

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

export function allowedMethodsFor(specs: readonly Pick<RouteSpec, "method" | "path">[]) {
  const patterns = specs.map((spec) => ({
    method: spec.method.toUpperCase(),
    regex: new RegExp(
      `^${spec.path
        .split("/")
        .map((part) => (part.startsWith(":") ? "[^/]+" : escapeRegex(part)))
        .join("/")}/?$`,
    ),
  }));
  return (path: string): string[] => {
    const methods = new Set(patterns.filter((p) => p.regex.test(path)).map((p) => p.method));
    if (methods.has("GET")) methods.add("HEAD");
    return [...methods].sort();
  };
}
