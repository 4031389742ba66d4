// Rules for agent settings, driven by the catalog in settings-catalog.ts.
import type { Json, SettingAttrs } from "../model.js";
import { rankKey, REDIRECT_ENV, settingSpec, type SettingSpec } from "./settings-catalog.js";
import { added, code, escalation, neutral, reduction, type Evaluator, type Hit } from "./types.js";

function label(s: SettingAttrs): string {
  return code(s.setting) + (s.scope ? ` (in ${code(s.scope)})` : "");
}

function show(v: Json | undefined): string {
  if (v === undefined) return "unset";
  return code(typeof v === "string" ? v : JSON.stringify(v));
}

function rankOf(spec: Extract<SettingSpec, { type: "rank" }>, value: Json | undefined): number {
  if (value === undefined) return spec.absent;
  return spec.ranks[rankKey(value)] ?? spec.other ?? spec.absent;
}

const list = (v: Json | undefined): string[] => (Array.isArray(v) ? v.map((x) => (typeof x === "string" ? x : JSON.stringify(x))) : v === undefined || v === null ? [] : [String(v)]);

/** `env` settings carry `{name, literalSecret, host?}`. */
function envHits(b: SettingAttrs | undefined, a: SettingAttrs): Hit[] {
  const val = (a.value ?? {}) as { name?: string; literalSecret?: boolean; host?: string };
  const was = (b?.value ?? {}) as { literalSecret?: boolean; host?: string };
  const name = val.name ?? a.setting;
  const hits: Hit[] = [];
  // Only the host is shown; a new scheme, port or path on the same host is a new endpoint too (its digest).
  const moved = !!b && val.host === was.host && a.hiddenDigest !== b.hiddenDigest;
  if (REDIRECT_ENV.test(name) && (!b || val.host !== was.host || moved)) {
    const how = moved ? " (same host, another scheme, port or path; value not shown)" : "";
    hits.push(escalation("settings.env-redirect", `${code(name)} is set${val.host ? ` to host ${code(val.host)}` : ""}${how}: agent traffic can be redirected.`));
  }
  if (val.literalSecret && !was.literalSecret) {
    hits.push(escalation("settings.literal-secret", `${code(name)} holds a committed credential (value not shown).`));
  }
  if (hits.length) return hits;
  return [neutral(`Environment variable ${code(name)} ${b ? "changed" : "set"} for the agent.`, "settings.changed")];
}

export const settingsRules: Evaluator<"agent_setting"> = (c) => {
  const b = c.before?.attrs;
  const a = c.after?.attrs;
  const s = (a ?? b)!;
  if (s.setting === "env") return a ? envHits(b, a) : [reduction(`Environment variable ${code(String((b?.value as { name?: string })?.name ?? ""))} removed.`)];
  const spec = settingSpec(s.setting);
  const before = b?.value;
  const after = a?.value;
  const moved = `${label(s)}: ${show(before)} → ${show(after)}`;
  if (!spec) {
    if (!a) return [reduction(`${label(s)} removed.`)];
    return [neutral(`${moved}.`, "settings.changed")];
  }
  switch (spec.type) {
    case "rank": {
      const r0 = rankOf(spec, before);
      const r1 = rankOf(spec, after);
      if (r1 > r0) return [escalation(spec.rule, `${moved}.`, spec.severity(after ?? null))];
      if (r1 < r0) return [reduction(`${moved}.`)];
      return [neutral(`${moved} (same effect).`, "settings.changed")];
    }
    case "grow":
    case "shrink": {
      const gained = spec.type === "grow" ? added(list(before), list(after)) : added(list(after), list(before));
      if (gained.length) {
        const verb = spec.type === "grow" ? "adds" : "no longer lists";
        return [escalation(spec.rule, `${label(s)} ${verb} ${gained.map(code).join(", ")}.`, spec.severity)];
      }
      return [reduction(`${moved}.`)];
    }
    case "command":
      if (!a) return [reduction(`${label(s)} removed.`)];
      // Same text shown, another value behind it (a redacted token, a host-only endpoint's scheme or port).
      if (b && show(before) === show(after)) return [escalation(spec.rule, `${label(s)} runs ${show(after)} (a value not shown changed).`, spec.severity)];
      return [escalation(spec.rule, `${label(s)} runs ${show(after)}${b ? ` (was ${show(before)})` : ""}.`, spec.severity)];
  }
};
