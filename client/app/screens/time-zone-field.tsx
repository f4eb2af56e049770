/**
 * The profile's time zone as a checked choice, not free text: the server refuses a zone it
 * does not know at push (`invalid_document`), which would reach the user as a failed sync
 * long after they typed it. The field suggests the platform's zones
 * (`Intl.supportedValuesOf("timeZone")`, where the browser has it; else it is a plain field)
 * with the device's own zone first, and checks with the server's own rule
 * (shared/scheduling/time-zones.ts `isValidTimeZone`) before anything is saved.
 */
import { isValidTimeZone } from "../../../shared/scheduling/time-zones";
import { myTimeZone } from "../data/sessions";

const ID = "f-timezone";
const EXAMPLE = "Europe/London";

/** The zones the platform lists, or null where `Intl.supportedValuesOf` is missing. */
export function listedTimeZones(): string[] | null {
  const list = (Intl as { supportedValuesOf?: (key: "timeZone") => string[] }).supportedValuesOf;
  try {
    return typeof list === "function" ? list("timeZone") : null;
  } catch {
    return null;
  }
}

/** The device's own zone (the one open times are shown in), when it is a zone Intl accepts. */
export function deviceTimeZone(): string | null {
  const zone = myTimeZone();
  return isValidTimeZone(zone) ? zone : null;
}

/** The suggestions: the device's zone first, then the listed ones (each once). */
export function zoneChoices(listed: readonly string[], device: string | null): string[] {
  return device ? [device, ...listed.filter((z) => z !== device)] : [...listed];
}

export type ZoneCheck = { ok: true; zone: string } | { ok: false; error: string };

/**
 * The zone to store for what was typed, or why it cannot be. Zone names are matched without
 * regard to case (as Intl does), and stored as the suggestions spell them ("europe/berlin"
 * → "Europe/Berlin"); `choices` is null where the platform lists no zones.
 */
export function checkTimeZone(raw: string, choices: readonly string[] | null): ZoneCheck {
  const typed = raw.trim();
  if (!typed) return { ok: false, error: `Choose a time zone, e.g. ${EXAMPLE}.` };
  if (!isValidTimeZone(typed))
    return {
      ok: false,
      error: choices
        ? `“${typed}” is not a time zone. Choose one from the list, e.g. ${EXAMPLE}.`
        : `“${typed}” is not a time zone. Use a name like ${EXAMPLE} or America/New_York.`,
    };
  const lower = typed.toLowerCase();
  return { ok: true, zone: choices?.find((z) => z.toLowerCase() === lower) ?? typed };
}

export function TimeZoneField(props: {
  value: string;
  error: string | null;
  listed: readonly string[] | null;
  device: string | null;
  onValue: (zone: string) => void;
  /** Leaving the field: check what it holds. */
  onCheck: (zone: string) => void;
}) {
  const { listed, device } = props;
  const hint = listed
    ? "Type to search the list. Notices and emails about your sessions use it."
    : `A time zone name such as ${EXAMPLE}. Notices and emails about your sessions use it.`;
  const describedBy = [`${ID}-hint`, props.error ? `${ID}-error` : ""].join(" ").trim();
  return (
    <div class="field">
      <label for={ID}>Time zone</label>
      <p class="hint" id={`${ID}-hint`}>
        {hint}
      </p>
      {device && device !== props.value ? (
        // Wrapped so the field's column does not stretch the button across the form.
        <div>
          <button type="button" onClick={() => props.onValue(device)}>
            Use this device's zone: {device}
          </button>
        </div>
      ) : null}
      <input
        id={ID}
        name="timezone"
        value={props.value}
        aria-required="true"
        maxLength={64}
        autoComplete="off"
        spellcheck={false}
        list={listed ? `${ID}-list` : undefined}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={describedBy}
        onInput={(e) => props.onValue((e.currentTarget as HTMLInputElement).value)}
        onBlur={(e) => props.onCheck((e.currentTarget as HTMLInputElement).value)}
      />
      {listed ? (
        <datalist id={`${ID}-list`}>
          {zoneChoices(listed, device).map((z) => (
            <option key={z} value={z}>
              {z === device ? "This device's zone" : null}
            </option>
          ))}
        </datalist>
      ) : null}
      {props.error ? (
        <p class="error" id={`${ID}-error`} role="alert">
          {props.error}
        </p>
      ) : null}
    </div>
  );
}
