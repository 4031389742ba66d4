// Small builders shared by the Codex and Claude settings surfaces: agent_setting capabilities,
// env values reduced to names, sanitized JSON values, and plugin/marketplace source references.
import type { Capability, Client, Json, SourceRef } from "../model.js";
import { codeRunningEnv } from "../code-env.js";
import { redactCredentials } from "../credentials.js";
import { isRecord } from "../parse/document.js";
import { hiddenDigestOf, looksLikeLiteralSecret, sanitizeUrl } from "../secrets.js";
import { REDIRECT_ENV, UNREAD } from "../rules/settings-catalog.js";

/** `hidden`: digest of the exact value when `value` shows less of it (see `sealedJson`). */
export function settingCap(path: string, id: string, line: number, client: Client, setting: string, value: Json, scope?: string, hidden?: string): Capability {
  const attrs = { client, setting, ...(scope !== undefined ? { scope } : {}), value, ...(hidden ? { hiddenDigest: hidden } : {}) };
  return { kind: "agent_setting", key: `${path}#${id}`, path, line, attrs };
}

/** A value as shown, and the digest of the exact value when the shown one leaves something out. */
export interface Sealed {
  value: Json;
  hidden?: string;
}

/** `sanitizeJson`, plus the digest of the exact value whenever anything was redacted, stripped or dropped. */
export function sealedJson(value: unknown, name = ""): Sealed {
  const lost = { hidden: false };
  const shown = sanitize(value, name, 0, lost);
  return lost.hidden ? { value: shown, hidden: hiddenDigestOf(value) } : { value: shown };
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
export function sanitizeJson(value: unknown, name = ""): Json {
  return sanitize(value, name, 0, { hidden: false });
}

/** `lost.hidden` is set when the result shows less than the value (a secret, a URL's query, a deep nest). */
function sanitize(value: unknown, name: string, depth: number, lost: { hidden: boolean }): Json {
  const drop = <T extends Json>(shown: T): T => ((lost.hidden = true), shown);
  if (depth > 16) return drop(null);
  if (value === null || typeof value === "boolean") return value;
  if (typeof value === "number") return Number.isFinite(value) ? value : drop(null);
  if (typeof value === "bigint") return Number.isSafeInteger(Number(value)) ? Number(value) : drop(Number(value));
  if (typeof value === "string") {
    if (looksLikeLiteralSecret(name, value)) return drop("<redacted>");
    if (!/^[a-z][a-z0-9+.-]*:\/\/\S*[@?]/i.test(value)) return value;
    const url = sanitizeUrl(value);
    return url.hidden ? drop(url.url) : url.url;
  }
  if (Array.isArray(value)) return value.map((v) => sanitize(v, name, depth + 1, lost));
  if (value instanceof Date) return value.toISOString();
  if (isRecord(value)) {
    const out: { [k: string]: Json } = {};
    for (const k of Object.keys(value).sort()) out[k] = sanitize(value[k], k, depth + 1, lost);
    return out;
  }
  return drop(null);
}

/** At most this much of a code-running variable's value is shown. */
const MAX_SHOWN = 200;

/**
 * `env` setting value: the name, whether the committed value is a credential, for redirect vars the
 * host, and for a variable that makes programs run code (code-env.ts) the value itself when it
 * cannot be a credential (`runs`, else ""): what it runs is the point. Other values are never shown:
 * the exact value is `hidden`, as a digest.
 */
export function envValue(name: string, raw: unknown): Sealed {
  // Objects from the JSON parser have no prototype: String() would throw on them.
  const text = typeof raw === "string" ? raw : raw === undefined || raw === null ? "" : typeof raw === "object" ? (JSON.stringify(raw) ?? "") : String(raw);
  const url = REDIRECT_ENV.test(name) && /^[a-z][a-z0-9+.-]*:\/\//i.test(text.trim()) ? sanitizeUrl(text.trim()) : undefined;
  const literalSecret = looksLikeLiteralSecret(name, text) || url?.literalSecret === true;
  const value: { [k: string]: Json } = { name, literalSecret, ...(url?.host ? { host: url.host } : {}) };
  if (codeRunningEnv(name)) {
    const clean = !literalSecret && !looksLikeLiteralSecret("TOKEN", text) && redactCredentials(text) === text && text.length <= MAX_SHOWN;
    value.runs = clean ? text : "";
  }
  return { value, hidden: hiddenDigestOf(raw) };
}

/** Host of a URL setting (model endpoints), the sanitized URL when no host can be read; the rest hidden, as a digest. */
export function endpointValue(raw: string): Sealed {
  const u = sanitizeUrl(raw);
  const value = u.host ?? u.url;
  return value === raw ? { value } : { value, hidden: hiddenDigestOf(raw) };
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
  const url = /^[a-z][a-z0-9+.-]*:\/\//i.test(location) ? sanitizeUrl(location) : undefined;
  const hidden = url?.hidden ? { hiddenDigest: url.hidden } : {};
  return { type, location: url?.url ?? location, ...(ref ? { ref } : {}), ...(commit ? { sha: commit } : {}), pinned: !!commit, ...hidden };
}

/** `name@marketplace` (the marketplace is after the last `@`). */
export function splitPluginKey(key: string): { name: string; marketplace?: string } {
  const at = key.lastIndexOf("@");
  if (at <= 0) return { name: key };
  return { name: key.slice(0, at), marketplace: key.slice(at + 1) };
}

/**
 * Keys of `table` (at `at` in the file) that are neither `read` by the surface nor known to be
 * `inert` (display, model choice): each is an `unread.*` setting, so that a key of a newer agent
 * version, or one this review does not model, changes nothing silently. The value as sealed JSON.
 */
export function unreadKeys(path: string, client: Client, lineOf: (p: string[]) => number, table: unknown, at: string[], read: ReadonlySet<string>, inert: ReadonlySet<string> = new Set(), scope?: string): Capability[] {
  if (!isRecord(table)) return [];
  const out: Capability[] = [];
  for (const [k, v] of Object.entries(table)) {
    if (read.has(k) || inert.has(k)) continue;
    const id = [...at, k];
    const shown = sealedJson(v, k);
    out.push(settingCap(path, `${UNREAD}${id.join(".")}`, lineOf(id), client, `${UNREAD}${id.join(".")}`, shown.value, scope, shown.hidden));
  }
  return out;
}
