// JSON in agent action inputs (`settings:`, `mcp_config:`, `claude_args --settings`), read as the
// action reads it after GitHub substitutes its expressions, and flattened to `path=value` entries.
import { isRecord } from "../parse/document.js";
import { looksLikeLiteralSecret } from "../secrets.js";
import { CLAUDE_INERT } from "./claude-settings.js";
import { GEMINI_INERT } from "./gemini-settings.js";

/**
 * JSON text, `${{ … }}` expressions outside strings read as strings (`"enabled": ${{ vars.X != '' }}`
 * is JSON once GitHub substitutes it); undefined when it is not JSON even so.
 */
export function parseJsonMaybe(s: string): unknown {
  const t = s.trim();
  if (!t.startsWith("{") && !t.startsWith("[")) return undefined;
  try {
    return JSON.parse(t);
  } catch {
    const quoted = quoteExpressions(t);
    if (quoted === t) return undefined;
    try {
      return JSON.parse(quoted);
    } catch {
      return undefined;
    }
  }
}

/** Each `${{ … }}` outside a JSON string as a JSON string of its text. One pass: linear in the input. */
function quoteExpressions(t: string): string {
  let out = "";
  let inString = false;
  for (let i = 0; i < t.length; i++) {
    const c = t[i]!;
    if (inString) {
      out += c;
      if (c === "\\") out += t[++i] ?? "";
      else if (c === '"') inString = false;
    } else if (c === '"') {
      inString = true;
      out += c;
    } else if (c === "$" && t.startsWith("${{", i)) {
      const end = t.indexOf("}}", i + 3);
      if (end < 0) return t;
      out += JSON.stringify(t.slice(i, end + 2));
      i = end + 1;
    } else out += c;
  }
  return out;
}

/**
 * JSON settings as sorted `path=value` entries: enough to see any change. Values of env vars and
 * headers are reduced to names, literal credentials are redacted; `mcpServers` is handled apart.
 */
export function flattenEntries(value: unknown, prefix = "", out: string[] = [], depth = 0, hidden: [string, unknown][] = []): string[] {
  // What is left out (past the caps, env and header values, secrets, long values) goes to `hidden`.
  if (out.length >= 300 || depth > 8) {
    hidden.push([prefix, value]);
    return out;
  }
  if (Array.isArray(value)) {
    for (const v of value.slice(0, 100)) flattenEntries(v, prefix, out, depth + 1, hidden);
    if (value.length > 100) hidden.push([prefix, value.slice(100)]);
    if (!value.length && prefix) out.push(`${prefix}=[]`);
  } else if (isRecord(value)) {
    const last = prefix.split(".").pop() ?? "";
    for (const [k, v] of Object.entries(value)) {
      const path = prefix ? `${prefix}.${k}` : k;
      if (!prefix && (k === "mcpServers" || k === "mcp-servers")) continue;
      if (/^(env|headers|environment)$/i.test(last) || (/^(env|headers)$/i.test(k) && !isRecord(v))) {
        out.push(path);
        hidden.push([path, v]);
      } else flattenEntries(v, path, out, depth + 1, hidden);
    }
    if (!Object.keys(value).length && prefix) out.push(prefix);
  } else if (value === null || value === undefined) {
    if (prefix) out.push(prefix);
  } else {
    const name = prefix.split(".").pop() ?? "";
    const full = String(value).replace(/\s+/g, " ");
    const s = looksLikeLiteralSecret(name, value) ? "<redacted>" : full.slice(0, 160);
    if (s !== full) hidden.push([prefix, value]);
    out.push(prefix ? `${prefix}=${s}` : s);
  }
  return out;
}

/**
 * Settings an action's agent reads that grant it nothing: the model and its turn limit, display,
 * debug output, local telemetry (an OTLP endpoint and prompt logging send data out, and count).
 */
// `maxSessionTurns` at the top is the older settings layout of `model.maxSessionTurns`.
const GEMINI_ACTION_INERT = new Set([...GEMINI_INERT, "debug", "maxSessionTurns"]);
const GEMINI_TELEMETRY_INERT = new Set(["enabled", "target", "outfile"]);

/** Whether a flattened settings entry (`model.maxSessionTurns=25`) of this agent family grants nothing. */
export function inertSetting(family: "claude" | "gemini", entry: string): boolean {
  const path = entry.split("=")[0]!.split(".");
  if (family === "claude") return CLAUDE_INERT.has(path[0]!);
  if (path[0] === "telemetry") return path.length === 2 && GEMINI_TELEMETRY_INERT.has(path[1]!);
  return GEMINI_ACTION_INERT.has(path[0]!);
}
