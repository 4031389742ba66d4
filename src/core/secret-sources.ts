// Which environment variables, headers and forwarded names hand a server a credential, and why: by
// the words of the name (GITHUB_TOKEN, apiKey, X-API-Key), by what the value reads (`${GITHUB_TOKEN}`,
// `${{ secrets.X }}`, `${input:api-key}`, `{file:~/.key}`) or by what it looks like (a token shape).
// Values are judged here and never leave: callers keep only the reasons.
import { looksLikeLiteralSecret } from "./secrets.js";

/** Words that name a credential, matched whole (GH_PAT, DB_PASS, X-Api-Key). */
const WORDS = new Set([
  "TOKEN", "SECRET", "SECRETS", "PASSWORD", "PASSWORDS", "PASSWD", "PASS", "PASSPHRASE", "KEY", "APIKEY", "AUTH",
  "AUTHN", "AUTHZ", "OAUTH", "BEARER", "COOKIE", "COOKIES", "CREDENTIAL", "CREDENTIALS", "CREDS", "CRED", "PAT",
  "JWT", "DSN", "WEBHOOK", "SAS", "PRIVATE", "SIGNATURE", "SESSIONID",
]);
/** Glued words that still name one (GHTOKEN, DBPASSWORD, OPENAIAPIKEY, AuthToken). */
const GLUED_END = ["TOKEN", "SECRET", "PASSWORD", "PASSWD", "APIKEY", "ACCESSKEY", "PRIVATEKEY", "SECRETKEY", "CREDENTIAL", "CREDENTIALS"];
/** A last word that makes the name describe a credential's setting, not hold one (TOKEN_URL, AUTH_MODE). */
const SETTING_WORDS = new Set([
  "URL", "URI", "ENDPOINT", "HOST", "PORT", "MODE", "TYPE", "METHOD", "METHODS", "PROVIDER", "ENABLED", "DISABLED",
  "REQUIRED", "TIMEOUT", "TTL", "EXPIRY", "EXPIRES", "LEVEL", "HEADER", "PREFIX", "PATH", "FILE", "DIR", "NAME",
  "SCOPE", "SCOPES", "COUNT", "LIMIT", "SIZE", "LENGTH", "FORMAT", "VERSION", "REGION", "ISSUER", "AUDIENCE", "STRATEGY",
]);
/** Names that select stored credentials rather than hold one (AWS_PROFILE=admin). */
const SELECTORS = new Set(["AWS_PROFILE", "AWS_DEFAULT_PROFILE", "KUBECONFIG", "DOCKER_CONFIG", "NETRC", "CLOUDSDK_CONFIG", "AZURE_CONFIG_DIR"]);

/** A name longer than this is judged a credential without reading it (names are short). */
const MAX_NAME = 256;

/** Words of a name: split at non-alphanumerics, lower→upper (apiKey) and acronym→word (APIKey). */
export function nameWords(name: string): string[] {
  const words: string[] = [];
  let word = "";
  for (let i = 0; i < name.length; i++) {
    const c = name[i]!;
    if (!/[A-Za-z0-9]/.test(c)) {
      if (word) words.push(word);
      word = "";
      continue;
    }
    const prev = name[i - 1] ?? "";
    const next = name[i + 1] ?? "";
    const upper = c >= "A" && c <= "Z";
    const boundary = upper && word !== "" && (/[a-z0-9]/.test(prev) || (/[A-Z]/.test(prev) && /[a-z]/.test(next)));
    if (boundary) {
      words.push(word);
      word = "";
    }
    word += c;
  }
  if (word) words.push(word);
  return words.map((w) => w.toUpperCase());
}

/** How a name says it carries a credential: `name`, `selects` (stored credentials), or nothing. */
export function credentialName(name: string): "name" | "selects" | undefined {
  if (name.length > MAX_NAME) return "name";
  if (SELECTORS.has(name.toUpperCase())) return "selects";
  const words = nameWords(name);
  if (words.length > 1 && SETTING_WORDS.has(words[words.length - 1]!)) return undefined;
  const hit = words.some((w) => WORDS.has(w) || GLUED_END.some((end) => w.endsWith(end)) || (w.startsWith("AUTH") && !/^AUTHORS?$|^AUTHOR(ED|ING)$/.test(w)));
  // A bare `PWD` is the shell's working directory; `DB_PWD` is a password.
  return hit || (words.includes("PWD") && words.length > 1) ? "name" : undefined;
}

/** Longest reference body read: longer ones are taken whole as one (unknown) reference. */
const MAX_BODY = 256;

/**
 * What a value reads from elsewhere, in one form per source: `NAME` (an environment variable:
 * `${NAME}`, `${NAME:-x}`, `${env:NAME}`, `$NAME`, `$env:NAME`, `{env:NAME}`), `input:ID`,
 * `secrets.X` (any expression that mentions `secrets`), `file:PATH`, `vars.X`, `command:ID`.
 * One pass: each `${`, `{{` or `{` jumps to its closing brace.
 */
export function referencesIn(value: string): string[] {
  const refs: string[] = [];
  let i = 0;
  while (i < value.length) {
    const c = value[i]!;
    if (c === "$" && value.startsWith("{{", i + 1)) i = expression(value, i + 3, "}}", refs);
    else if (c === "{" && value[i + 1] === "{") i = expression(value, i + 2, "}}", refs);
    else if (c === "$" && value[i + 1] === "{") i = braced(value, i + 2, refs);
    else if (c === "{" && /^(env|file):/.test(value.slice(i + 1, i + 6))) i = braced(value, i + 1, refs);
    else if (c === "$") i = bare(value, i + 1, refs);
    else i++;
  }
  return refs;
}

/** `${{ … }}` / `{{ … }}`: a workflow or template expression. */
function expression(value: string, from: number, close: string, refs: string[]): number {
  const end = value.indexOf(close, from);
  const body = value.slice(from, end < 0 || end - from > MAX_BODY ? from + MAX_BODY : end).trim();
  const dotted = /^(secrets|env|vars|inputs)\.([A-Za-z0-9_-]{1,128})$/.exec(body);
  if (/secrets/i.test(body)) refs.push(dotted?.[1] === "secrets" ? `secrets.${dotted[2]}` : "secrets.*");
  else if (dotted) refs.push(dotted[1] === "env" ? dotted[2]! : `${dotted[1]}.${dotted[2]}`);
  else refs.push(`expression:${body}`);
  return end < 0 ? value.length : end + close.length;
}

/** `${…}` / `{env:…}` / `{file:…}` with `from` after the opening brace. */
function braced(value: string, from: number, refs: string[]): number {
  const end = value.indexOf("}", from);
  const body = value.slice(from, end < 0 || end - from > MAX_BODY ? from + MAX_BODY : end);
  const scoped = /^(env|input|file|command|config):(.*)$/s.exec(body);
  if (scoped) refs.push(scoped[1] === "env" ? scoped[2]! : `${scoped[1]}:${scoped[2]}`);
  else refs.push(/^[A-Za-z_][A-Za-z0-9_]*/.exec(body)?.[0] ?? body);
  return end < 0 ? value.length : end + 1;
}

/** `$NAME` or PowerShell's `$env:NAME`, with `from` after the `$`. */
function bare(value: string, from: number, refs: string[]): number {
  const env = /^env:([A-Za-z_][A-Za-z0-9_]{0,127})/i.exec(value.slice(from, from + 140));
  if (env) {
    refs.push(env[1]!);
    return from + env[0].length;
  }
  const name = /^[A-Za-z_][A-Za-z0-9_]{0,127}/.exec(value.slice(from, from + 128))?.[0];
  if (name) refs.push(name);
  return from + (name?.length ?? 0);
}

/** Stores whose connection URL usually holds a password (DATABASE_URL, REDIS_URI, MONGODB_URI). */
const STORES = new Set(["DATABASE", "DB", "REDIS", "MONGO", "MONGODB", "POSTGRES", "POSTGRESQL", "PG", "MYSQL", "MARIADB", "AMQP", "RABBITMQ", "SQL", "MSSQL"]);

/** A variable holding a connection string: read from the environment, its password comes along. */
function connectionName(name: string): boolean {
  const words = nameWords(name.slice(0, MAX_NAME));
  const last = words[words.length - 1];
  if ((last === "URL" || last === "URI") && words.some((w) => STORES.has(w))) return true;
  return words.join("_").includes("CONNECTION_STRING") || words.some((w) => w === "CONNSTR" || w === "CONNECTIONSTRING");
}

/** Does reading this reference hand over a credential? Unknown template expressions count. */
export function secretReference(ref: string, secretInputs: ReadonlySet<string> = new Set()): boolean {
  if (ref.startsWith("secrets.") || ref.startsWith("file:") || ref.startsWith("expression:")) return true;
  if (ref.startsWith("vars.")) return false;
  if (ref.startsWith("input:")) return secretInputs.has(ref.slice(6)) || credentialName(ref.slice(6)) !== undefined;
  const at = ref.indexOf(":");
  const name = at >= 0 ? ref.slice(at + 1) : ref;
  return credentialName(name) !== undefined || connectionName(name);
}

/** A value that hands nothing over: empty, a switch, or a placeholder someone is to fill in. */
function emptyValue(value: unknown): boolean {
  if (value === null || value === undefined || typeof value === "boolean") return true;
  if (typeof value !== "string") return false;
  // `Bearer YOUR_API_KEY` is as empty as `YOUR_API_KEY`.
  const body = value.trim().replace(/^(Bearer|Basic|Token)\s+/i, "");
  // A placeholder reads nothing: `your-${GITHUB_TOKEN}` is no placeholder.
  if (body.length > 256 || /[$%{]/.test(body)) return body.trim() === "";
  return /^\s*$|^(<[^<>]*>|\[[^[\]]*\]|x+|\*+|your[-_ ].*|changeme|placeholder|none|null|true|false)$/i.test(body);
}

/** Does a URL in the value carry a password that is not a reference (`postgres://u:pw@db`)? */
function urlPassword(text: string): boolean {
  for (let at = text.indexOf("://"); at >= 0; at = text.indexOf("://", at + 3)) {
    let end = at + 3;
    while (end < text.length && !"/?#".includes(text[end]!) && !/\s/.test(text[end]!)) end++;
    const authority = text.slice(at + 3, end);
    const userinfo = authority.slice(0, Math.max(authority.lastIndexOf("@"), 0));
    const colon = userinfo.indexOf(":");
    if (colon >= 0 && colon < userinfo.length - 1 && referencesIn(userinfo.slice(colon + 1)).length === 0) return true;
    at = end - 3;
  }
  return false;
}

/**
 * Why handing `name: value` to a server hands over a credential; empty when it does not. Reasons:
 * `name` / `selects` (the name), `ref:X` (the value reads a secret-like source), `literal` (it looks
 * like one), `url-password`, `scheme` (`Bearer …`). A value that hands nothing (empty, a
 * placeholder) has none, whatever the name.
 */
export function credentialReasons(name: string, value: unknown, secretInputs?: ReadonlySet<string>): string[] {
  if (emptyValue(value)) return [];
  const reasons: string[] = [];
  const byName = credentialName(name);
  if (byName) reasons.push(byName);
  if (typeof value !== "string") return reasons;
  const text = value.length > 4096 ? value.slice(0, 4096) : value;
  for (const ref of new Set(referencesIn(text))) if (secretReference(ref, secretInputs)) reasons.push(`ref:${ref}`);
  if (looksLikeLiteralSecret(byName ? name : "", value)) reasons.push("literal");
  if (urlPassword(text)) reasons.push("url-password");
  if (/^\s*(Bearer|Basic|Token)\s/i.test(text)) reasons.push("scheme");
  return [...new Set(reasons)];
}
