// Secret hygiene: values of env vars, headers and URLs never leave the parser; only names and a
// flag when a committed value looks like a real credential. What is hidden for display still binds
// the approval: it enters the attributes as a digest (`hiddenDigest`), never as the value.
import { hash } from "node:crypto";

/** `${VAR}`, `${VAR:-x}`, `${env:VAR}`, `${input:id}`, `$VAR`, `{env:VAR}` (OpenCode), `{{ secrets.X }}`. */
// Bodies hold no brace: an unclosed `${` is read up to the next brace, not to the end each time.
const REFERENCE = /\$\{[^{}]{1,256}\}|\$[A-Za-z_][A-Za-z0-9_]*|\{env:[^{}]{1,256}\}|\{file:[^{}]{1,256}\}|\{\{[^{}]{1,256}\}\}/g;

/**
 * Known credential shapes (provider prefixes), at any length from 20 characters (credentials.ts has
 * the exact shapes of @secretlint's rules for output). A match starts only where the character
 * before is not one its body could hold, so a run is tried once, not from each of its positions.
 */
export const TOKEN_PATTERNS: readonly RegExp[] = [
  /(?<![A-Za-z0-9_])gh[pousr]_[A-Za-z0-9]{20,}/, // GitHub tokens
  /(?<![A-Za-z0-9_])github_pat_[A-Za-z0-9_]{20,}/,
  /(?<![A-Za-z0-9_-])sk-(?:ant-|proj-)?[A-Za-z0-9_-]{20,}/, // Anthropic / OpenAI
  /(?<![A-Za-z0-9_-])xox[abposr]-[A-Za-z0-9-]{10,}/, // Slack
  /(?<![A-Za-z0-9_])AKIA[0-9A-Z]{16}(?![A-Za-z0-9_])/, // AWS access key id
  /(?<![A-Za-z0-9_-])AIza[0-9A-Za-z_-]{30,}/, // Google API key
  /(?<![A-Za-z0-9_-])glpat-[A-Za-z0-9_-]{20,}/, // GitLab
  /(?<![A-Za-z0-9_])npm_[A-Za-z0-9]{30,}/,
  /(?<![A-Za-z0-9_])sntrys_[A-Za-z0-9]{20,}/,
  /(?<![A-Za-z0-9_])lin_api_[A-Za-z0-9]{20,}/,
  /(?<![A-Za-z0-9_])hf_[A-Za-z0-9]{30,}/,
  /(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/, // JWT
  /-----BEGIN [A-Z ]{0,40}PRIVATE KEY-----/,
];

/** The same patterns, global, for replacing every match (compiled once, not per redacted URL). */
const TOKEN_PATTERNS_ALL: RegExp[] = TOKEN_PATTERNS.map((re) => new RegExp(re.source, "g"));
/**
 * The prefixes the patterns start with: most values hold none, and one literal search answers for
 * them all (every argument, env and header value is tested). One expression joining all the
 * patterns was as fast, but too large for a ReDoS analysis to decide.
 */
const PREFIXES = /gh[pousr]_|github_pat_|sk-|xox[abposr]-|AKIA|AIza|glpat-|npm_|sntrys_|lin_api_|hf_|eyJ|-----BEGIN /;
const ANY_TOKEN = { test: (s: string): boolean => PREFIXES.test(s) && TOKEN_PATTERNS.some((re) => re.test(s)) };

const SECRET_NAME = /(TOKEN|SECRET|PASSWORD|PASSWD|API_?KEY|ACCESS_?KEY|PRIVATE_?KEY|CREDENTIAL|AUTH|BEARER|COOKIE|SESSION)/i;

/**
 * SHA-256 of a value hidden for display, domain-separated so that the digest of a common word is not
 * the one any table lists. Opaque: it tells a changed value from the same one, nothing more.
 */
export function hiddenDigest(value: string): string {
  // One-shot hash of the same bytes as update(prefix).update(value): a Hash object per value cost
  // about three times as much, and every env value, header and redacted command is digested.
  return hash("sha256", `capability-review/hidden\n${value}`, "hex");
}

/**
 * `hiddenDigest` of any parsed value (TOML and YAML give numbers, dates and nested tables too). A
 * string is digested as it is; anything else as its tagged canonical text, so `1` is not `"1"`.
 */
export function hiddenDigestOf(value: unknown): string {
  return hiddenDigest(typeof value === "string" ? value : `\u0000value:${exactText(value, 0)}`);
}

/** Canonical text of a parsed value, keys sorted; unlike JSON it keeps bigints and dates apart. */
function exactText(value: unknown, depth: number): string {
  if (depth > 64) return "…";
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "bigint") return `${value}n`;
  if (value instanceof Date) return `date:${Number.isNaN(value.getTime()) ? "invalid" : value.toISOString()}`;
  if (Array.isArray(value)) return `[${value.map((v) => exactText(v, depth + 1)).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const record = value as Record<string, unknown>;
    return `{${Object.keys(record).sort().map((k) => `${JSON.stringify(k)}:${exactText(record[k], depth + 1)}`).join(",")}}`;
  }
  return String(value);
}

const URL_START = /^[a-z][a-z0-9+.-]*:\/\//i;

/**
 * A URL as written, with only its credentials replaced: the userinfo (unless it is a `${VAR}`
 * reference), query values that look like secrets, and token-shaped words anywhere in it. Scheme,
 * host, port, path and the other query values stay, so a reviewer sees where it points.
 */
export function redactUrlText(raw: string): string {
  let out = raw;
  // A password after `user:`; a bare user name is no secret (a token as the user is caught below).
  const auth = /^([a-z][a-z0-9+.-]*:\/\/[^/?#@:\s]*:)([^/?#@\s]+)@/i.exec(out);
  if (auth && !isReferenceOnly(safeDecode(auth[2]!))) out = `${auth[1]}<redacted>@${out.slice(auth[0].length)}`;
  // The key may not hold a `?`: a run of them would otherwise be rescanned from every `?` (quadratic).
  out = out.replace(/([?&])([^=&#?\s]*)=([^&#\s]*)/g, (m, sep: string, k: string, v: string) =>
    looksLikeLiteralSecret(/^(sig|signature|code|key|auth|access_token|token)$/i.test(k) ? "TOKEN" : k, safeDecode(v)) ? `${sep}${k}=<redacted>` : m,
  );
  for (const re of TOKEN_PATTERNS_ALL) out = out.replace(re, "<redacted>");
  return out;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** True when the value is made only of references to variables plus fixed text like `Bearer `. */
export function isReferenceOnly(value: string): boolean {
  return value.replace(REFERENCE, "").replace(/^(Bearer|Basic|token)\s*/i, "").trim() === "" && REFERENCE.test(value);
}

/**
 * Does a committed value look like a real credential? Known token shapes always count; for a
 * secret-sounding name (or an Authorization header) any long literal that is not a variable
 * reference, placeholder or plain word counts.
 */
export function looksLikeLiteralSecret(name: string, value: unknown): boolean {
  if (typeof value !== "string") return false;
  const literal = value.replace(REFERENCE, "").trim();
  if (literal === "") return false;
  if (ANY_TOKEN.test(literal)) return true;
  if (!SECRET_NAME.test(name)) return false;
  const body = literal.replace(/^(Bearer|Basic|token)\s+/i, "");
  if (body.length < 12 || /\s/.test(body)) return false;
  if (/^(<.*>|x+|\*+|your[-_].*|changeme|placeholder|example.*|dummy.*|test.*|none|null|true|false)$/i.test(body)) return false;
  // Mixed letters and digits, as generated secrets are; excludes words like "simulator,debugging".
  return /[A-Za-z]/.test(body) && /[0-9]/.test(body);
}

/** Replace literal secrets inside a command argument list (`--api-key=sk-...`, `-e TOKEN=ghp_...`). */
export function redactArgs(args: string[]): { args: string[]; secrets: string[]; hidden?: string } {
  const secrets: string[] = [];
  const out = args.map((arg, i) => {
    const eq = arg.indexOf("=");
    // Only a bare flag (`--api-key`) names the next argument; `-e X=${X}` is complete by itself.
    const prev = args[i - 1] ?? "";
    const name = eq > 0 ? arg.slice(0, eq).replace(/^-+/, "") : prev.startsWith("-") && !prev.includes("=") ? prev.replace(/^-+/, "") : "";
    const value = eq > 0 ? arg.slice(eq + 1) : arg;
    // A URL is shown (where it points is the capability); only the credentials inside it are not.
    // The whole argument may be the URL (`https://x/?a=b`), or the value of `NAME=` / `--flag=`.
    // Without `://` neither can start a URL: most words skip the two tests.
    const urlAt = !arg.includes("://") ? -1 : URL_START.test(arg.replace(/^["'`]+/, "")) ? 0 : URL_START.test(value.replace(/^["'`]+/, "")) ? eq + 1 : -1;
    if (urlAt >= 0) {
      const shown = redactUrlText(arg.slice(urlAt));
      if (shown === arg.slice(urlAt)) return arg;
      secrets.push((urlAt > 0 && name) || `arg${i}`);
      return arg.slice(0, urlAt) + shown;
    }
    if (looksLikeLiteralSecret(name, value)) {
      secrets.push(name || `arg${i}`);
      // A quote opening the value stays, so a redacted command line still reads as written.
      return eq > 0 ? `${arg.slice(0, eq + 1)}${/^["'`]*/.exec(value)![0]}<redacted>` : "<redacted>";
    }
    return arg;
  });
  // What was replaced still binds the approval: a digest of the exact argument list.
  const hidden = secrets.length ? hiddenDigest(JSON.stringify(args)) : undefined;
  return { args: out, secrets, ...(hidden ? { hidden } : {}) };
}

/**
 * Strip credentials and query values from a URL; keep the host for host-based rules. `hidden`, the
 * digest of the exact URL, is set when something was stripped (callers that show less, such as
 * only the host, digest the URL themselves).
 */
export function sanitizeUrl(raw: string): { url: string; host?: string; literalSecret: boolean; hidden?: string } {
  let literalSecret = false;
  try {
    const u = new URL(raw);
    const stripped = u.username !== "" || u.password !== "" || u.search !== "";
    if (u.username || u.password) literalSecret = !isReferenceOnly(safeDecode(u.password || u.username));
    u.username = "";
    u.password = "";
    for (const [k, v] of u.searchParams) {
      if (looksLikeLiteralSecret(k, v)) literalSecret = true;
      u.searchParams.set(k, "…");
    }
    return { url: u.toString().replace(/%E2%80%A6/g, "…"), host: u.hostname.toLowerCase(), literalSecret, ...(stripped ? { hidden: hiddenDigest(raw) } : {}) };
  } catch {
    // Not a URL we can parse (often a `${VAR}` template): keep only what precedes a query.
    const head = raw.split("?")[0] ?? raw;
    const host = /^[a-z][a-z0-9+.-]*:\/\/([^/:?#@]+)/i.exec(head)?.[1]?.toLowerCase();
    return { url: head, host, literalSecret: ANY_TOKEN.test(raw), ...(head !== raw ? { hidden: hiddenDigest(raw) } : {}) };
  }
}
