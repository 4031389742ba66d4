// Small builders shared by the Codex and Claude settings surfaces: agent_setting capabilities,
// env values reduced to names, sanitized JSON values, and plugin/marketplace source references.
import type { Capability, Client, Json, SourceRef } from "../model.js";
import { isRecord } from "../parse/document.js";
import { looksLikeLiteralSecret, sanitizeUrl } from "../secrets.js";
import { REDIRECT_ENV } from "../rules/settings-catalog.js";

export function settingCap(path: string, id: string, line: number, client: Client, setting: string, value: Json, scope?: string): Capability {
  return { kind: "agent_setting", key: `${path}#${id}`, path, line, attrs: { client, setting, ...(scope !== undefined ? { scope } : {}), value } };
}

/** Sorted, de-duplicated strings of a list (non-strings dropped); undefined when not a list. */
export function sortedStrings(value: unknown): string[] | undefined {
  if (!Array.isArray(value)) return undefined;
  return [...new Set(value.filter((v): v is string => typeof v === "string"))].sort();
}

/**
 * Plain JSON with object keys sorted (so reordering is no change), literal secrets replaced by
 * `<redacted>`, URLs stripped of credentials, and anything that is not JSON (dates, deep nests) dropped.
 */
export function sanitizeJson(value: unknown, name = "", depth = 0): Json {
  if (depth > 16) return null;
  if (value === null || typeof value === "boolean") return value;
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (typeof value === "bigint") return Number(value);
  if (typeof value === "string") {
    if (looksLikeLiteralSecret(name, value)) return "<redacted>";
    return /^[a-z][a-z0-9+.-]*:\/\/\S*[@?]/i.test(value) ? sanitizeUrl(value).url : value;
  }
  if (Array.isArray(value)) return value.map((v) => sanitizeJson(v, name, depth + 1));
  if (value instanceof Date) return value.toISOString();
  if (isRecord(value)) {
    const out: { [k: string]: Json } = {};
    for (const k of Object.keys(value).sort()) out[k] = sanitizeJson(value[k], k, depth + 1);
    return out;
  }
  return null;
}

/** `env` setting value: the name, whether the committed value is a credential, and for redirect vars the host. */
export function envValue(name: string, raw: unknown): Json {
  // Objects from the JSON parser have no prototype: String() would throw on them.
  const text = typeof raw === "string" ? raw : raw === undefined || raw === null ? "" : typeof raw === "object" ? (JSON.stringify(raw) ?? "") : String(raw);
  const url = REDIRECT_ENV.test(name) && /^[a-z][a-z0-9+.-]*:\/\//i.test(text.trim()) ? sanitizeUrl(text.trim()) : undefined;
  const literalSecret = looksLikeLiteralSecret(name, text) || url?.literalSecret === true;
  return { name, literalSecret, ...(url?.host ? { host: url.host } : {}) };
}

/** Host of a URL setting (model endpoints); the sanitized URL when no host can be read. */
export function endpointValue(raw: string): string {
  const u = sanitizeUrl(raw);
  return u.host ?? u.url;
}

const SHA = /^[0-9a-f]{40}$/i;

/** A local path: inside the repository (fixed with the commit) or leaving it. */
export function localSource(type: SourceRef["type"], path: string): SourceRef {
  const p = path.replace(/\\/g, "/");
  const outside = p.startsWith("/") || p.startsWith("~") || /^[a-z]:\//i.test(p) || p.split("/").includes("..");
  return { type, location: path, pinned: !outside, ...(outside ? { escapesRoot: true } : {}) };
}

/** A remote source: pinned only when a full commit sha is given (as `sha` or as the ref). */
export function remoteSource(type: SourceRef["type"], location: string, ref?: string, sha?: string): SourceRef {
  const commit = sha && SHA.test(sha) ? sha : ref && SHA.test(ref) ? ref : undefined;
  const loc = /^[a-z][a-z0-9+.-]*:\/\//i.test(location) ? sanitizeUrl(location).url : location;
  return { type, location: loc, ...(ref ? { ref } : {}), ...(commit ? { sha: commit } : {}), pinned: !!commit };
}

/** `name@marketplace` (the marketplace is after the last `@`). */
export function splitPluginKey(key: string): { name: string; marketplace?: string } {
  const at = key.lastIndexOf("@");
  if (at <= 0) return { name: key };
  return { name: key.slice(0, at), marketplace: key.slice(at + 1) };
}
