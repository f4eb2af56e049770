/**
 * My profile: edit the fields a device may change (the collection's `editable` list). The
 * time zone is checked here, before saving, by the rule the server applies at push.
 */
import { useMemo, useState } from "preact/hooks";
import { Field, formValues } from "../components/form";
import { Loading } from "../components/loading";
import { SignedIn } from "../components/signed-in";
import { useLive } from "../data/hooks";
import {
  checkTimeZone,
  deviceTimeZone,
  listedTimeZones,
  TimeZoneField,
  zoneChoices,
} from "./time-zone-field";

const split = (s: string, sep: RegExp) =>
  s
    .split(sep)
    .map((x) => x.trim())
    .filter(Boolean);

export function Profile() {
  return <SignedIn title="Profile">{({ me }) => <Edit me={me.id} />}</SignedIn>;
}

function Edit({ me }: { me: string }) {
  const p = useLive((l) => l.db.profiles.findOne(me).$, [me]);
  const [saved, setSaved] = useState<string | null>(null);
  // null: not edited yet, so the stored zone shows (it may arrive after the first render).
  const [zone, setZone] = useState<string | null>(null);
  const [zoneError, setZoneError] = useState<string | null>(null);
  const device = useMemo(deviceTimeZone, []);
  const listed = useMemo(listedTimeZones, []);
  const choices = useMemo(() => (listed ? zoneChoices(listed, device) : null), [listed, device]);
  if (p === undefined) return <Loading title="Your profile" />;
  if (!p)
    return (
      <section>
        <h1>Profile</h1>
        <p role="status">Your profile arrives with the first sync.</p>
      </section>
    );
  const shownZone = zone ?? p.timezone;
  const recheck = (value: string) => {
    const c = checkTimeZone(value, choices);
    setZoneError(c.ok ? null : c.error);
  };
  async function save(e: Event) {
    e.preventDefault();
    const v = formValues(e);
    const checked = checkTimeZone(v.timezone ?? "", choices);
    if (!checked.ok) {
      setZoneError(checked.error);
      document.getElementById("f-timezone")?.focus();
      return;
    }
    setZone(checked.zone);
    const orNull = (s: string | undefined) => (s?.trim() ? s.trim() : null);
    await p?.incrementalPatch({
      name: v.name?.trim() || p.name,
      title: orNull(v.title),
      bioShort: orNull(v.bioShort)?.slice(0, 160) ?? null,
      bio: orNull(v.bio),
      website: orNull(v.website),
      timezone: checked.zone,
      interests: split(v.interests ?? "", /,/).slice(0, 50),
      expertise: split(v.expertise ?? "", /,/).slice(0, 50),
      qualifications: split(v.qualifications ?? "", /\n/).slice(0, 50),
      privacyPublic: v.privacyPublic === "on",
    });
    setSaved("Saved on this device; it syncs when you are online.");
  }
  return (
    <section class="narrow">
      <h1>Your profile</h1>
      <p class="muted">
        @{p.handle} · <a href={`/people/${p.id}`}>See your public profile</a> ·{" "}
        <a href="/certificates">Your certificates</a>
      </p>
      <form onSubmit={save} onInput={() => setSaved(null)}>
        <Field
          label="Name"
          name="name"
          required
          maxLength={100}
          defaultValue={p.name}
          autoComplete="name"
        />
        <Field label="Title" name="title" maxLength={200} defaultValue={p.title ?? ""} />
        <Field
          label="Short bio"
          name="bioShort"
          maxLength={160}
          defaultValue={p.bioShort ?? ""}
          hint="Up to 160 characters, shown on cards."
        />
        <div class="field">
          <label for="f-bio">About you</label>
          <textarea id="f-bio" name="bio" rows={5} maxLength={10000} defaultValue={p.bio ?? ""} />
        </div>
        <Field label="Website" name="website" type="url" defaultValue={p.website ?? ""} />
        <TimeZoneField
          value={shownZone}
          error={zoneError}
          listed={listed}
          device={device}
          onValue={(value) => {
            setZone(value);
            setSaved(null);
            // Once an error shows, it follows the typing (and goes when the zone is right).
            if (zoneError) recheck(value);
          }}
          onCheck={recheck}
        />
        <Field
          label="Interests"
          name="interests"
          defaultValue={p.interests.join(", ")}
          hint="Separated by commas."
        />
        <Field
          label="Expertise"
          name="expertise"
          defaultValue={p.expertise.join(", ")}
          hint="Separated by commas."
        />
        <div class="field">
          <label for="f-qualifications">Qualifications</label>
          <p class="hint" id="f-qualifications-hint">
            One per line.
          </p>
          <textarea
            id="f-qualifications"
            name="qualifications"
            rows={3}
            aria-describedby="f-qualifications-hint"
            defaultValue={p.qualifications.join("\n")}
          />
        </div>
        <div class="field check">
          <input
            id="f-privacy"
            name="privacyPublic"
            type="checkbox"
            defaultChecked={p.privacyPublic}
          />
          <label for="f-privacy">Public profile (others can see your profile and progress)</label>
        </div>
        <button class="primary" type="submit">
          Save
        </button>
        <p role="status">{saved}</p>
      </form>
    </section>
  );
}
