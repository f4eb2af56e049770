/** Labelled form fields with their error messages tied to them (aria-describedby). */
import type { JSX } from "preact";
import { ApiError } from "../lib/api";

type InputProps = Omit<JSX.InputHTMLAttributes<HTMLInputElement>, "label" | "name"> & {
  label: string;
  name: string;
  error?: string | undefined;
  hint?: string;
};

export function Field({ label, name, error, hint, ...input }: InputProps) {
  const id = `f-${name}`;
  const described = [hint ? `${id}-hint` : "", error ? `${id}-error` : ""].join(" ").trim();
  return (
    <div class="field">
      <label for={id}>{label}</label>
      {hint ? (
        <p class="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      <input
        id={id}
        name={name}
        aria-invalid={error ? true : undefined}
        aria-describedby={described || undefined}
        {...input}
      />
      {error ? (
        <p class="error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** Per-field messages from a `validation_failed` answer: `{ details: [{ path, message }] }`. */
export function fieldErrors(err: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (err instanceof ApiError && Array.isArray(err.details)) {
    for (const d of err.details as { path?: unknown; message?: unknown }[]) {
      if (typeof d.path === "string" && typeof d.message === "string" && !out[d.path]) {
        out[d.path] = d.message;
      }
    }
  }
  return out;
}

export function FormError({ message }: { message: string | null }) {
  return message ? (
    <p class="error" role="alert">
      {message}
    </p>
  ) : null;
}

/** Reads a form's named fields as strings. */
export function formValues(e: Event): Record<string, string> {
  const form = e.currentTarget as HTMLFormElement;
  const out: Record<string, string> = {};
  for (const [k, v] of new FormData(form)) out[k] = typeof v === "string" ? v : "";
  return out;
}
