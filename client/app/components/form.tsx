/** Labelled form fields with their error messages tied to them (aria-describedby). */
import type { JSX } from "preact";
import { useState } from "preact/hooks";
import { ApiError, describeError } from "../lib/api";

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

/**
 * A form's submit cycle: prevent the page load, mark busy, run `action` with the form's
 * values, and show what went wrong — per field (validation details; a weak password is about
 * the password field) and as one message. `action` may return a message to show without
 * having asked the server (e.g. two passwords that differ).
 */
export function useFormSubmit(action: (values: Record<string, string>) => Promise<unknown>) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  async function submit(e: Event) {
    e.preventDefault();
    const values = formValues(e);
    setBusy(true);
    setError(null);
    setFields({});
    try {
      const problem = await action(values);
      if (typeof problem === "string") setError(problem);
    } catch (err) {
      const f = fieldErrors(err);
      if (err instanceof ApiError && err.code === "weak_password") f.password = describeError(err);
      setFields(f);
      setError(describeError(err));
    } finally {
      setBusy(false);
    }
  }
  return { busy, error, fields, submit };
}
