// Credentials in text on its way out of the app or the CLI. Provider token shapes come from the
// rules of @secretlint/secretlint-rule-preset-recommend (kept up to date by secretlint as providers
// change their formats); the few shapes it has no rule for are listed below, each with why.
//
// Why the rules are driven here and not through @secretlint/core: its `lintSource` is asynchronous
// (a Promise per text) and builds a line index and new rule contexts for every call, while every
// renderer of this tool is synchronous and redacts thousands of short strings per report. Each rule
// of the preset is a plain object whose `file(source)` handler runs its regular expressions over
// `source.content` and calls `context.report` synchronously, so the rules are created once with a
// minimal context and run as functions. A handler that returns a promise (none does for text) is
// refused at load, so a future version of the preset cannot make a scan silently incomplete.
import { creator as recommended } from "@secretlint/secretlint-rule-preset-recommend";
import type { SecretLintRuleContext, SecretLintRuleReportDescriptor, SecretLintSourceCode } from "@secretlint/types";
import { TOKEN_PATTERNS } from "./secrets.js";

export type Span = [start: number, end: number];

/** What replaces a credential in output: plain text in Markdown, JSON, SARIF and a terminal alike. */
export const REDACTED = "[redacted]";

// ---------------------------------------------------------------------------------------------
// The preset's rules.

/** Rule options: AWS access key ids are off by default in secretlint; a committed one is worth hiding. */
const OPTIONS: Record<string, object> = { "@secretlint/secretlint-rule-aws": { enableIDScanRule: true } };
/** `secretlint-disable` comments switch rules off, and here the text is the attacker's: not run. */
const NOT_RUN = new Set(["@secretlint/secretlint-rule-filter-comments"]);
/** Message properties that hold the matched secret (other properties name a type or a file). */
const SECRET_PROPS = ["KEY", "TOKEN", "ID", "URL", "CREDENTIAL", "URI"];

let reports: Span[] = [];
let scanned = "";

/** A report's span: its range, narrowed to the secret it names when the range only locates it. */
function reported({ range, message }: SecretLintRuleReportDescriptor): Span {
  const data = (message as { data?: Record<string, unknown> }).data ?? {};
  for (const prop of SECRET_PROPS) {
    const value = data[prop];
    if (typeof value !== "string" || value === "") continue;
    // Some rules report the whole `NAME=value` match with the value's length: the value is exact.
    const at = scanned.indexOf(value, range[0]);
    if (at >= 0 && at <= range[1]) return narrowUrl([at, at + value.length]);
  }
  return narrowUrl([range[0], range[1]]);
}

/** Scheme, user, password and host of a URL. */
const URL_PARTS = /^([a-z][a-z0-9+.-]{0,31}:\/\/)(?:([^\s/?#@:]{0,256}):([^\s/?#@]{0,1024})@)?[^\s/?#]{0,256}/i;

/** A reported URL keeps what says where it points: only its password, or else its path, is hidden. */
function narrowUrl([start, end]: Span): Span {
  const m = URL_PARTS.exec(scanned.slice(start, end));
  if (!m) return [start, end];
  if (m[3]) {
    const password = start + m[1]!.length + m[2]!.length + 1;
    return [password, password + m[3].length];
  }
  const path = start + m[0].length + (scanned[start + m[0].length] === "/" ? 1 : 0);
  return path < end ? [path, end] : [start, end];
}

const context: SecretLintRuleContext = {
  sharedOptions: {},
  // Messages are not wanted, only what they name: the translator hands back the properties.
  createTranslator: () => ((id: string, data: unknown) => ({ id, data })) as never,
  report: (descriptor) => void reports.push(reported(descriptor)),
  ignore: () => undefined,
};

const source = (content: string) => ({ content, filePath: "report.txt", ext: ".txt", contentType: "text" }) as unknown as SecretLintSourceCode;

const HANDLERS = recommended.rules
  .filter((rule) => rule.meta.type === "scanner" && !NOT_RUN.has(rule.meta.id))
  .map((rule) => {
    const file = rule.create(context, OPTIONS[rule.meta.id] ?? {}).file;
    if (!file) throw new Error(`${rule.meta.id} has no file handler`);
    return { id: rule.meta.id, file };
  });

function libraryFindings(text: string): Span[] {
  reports = [];
  scanned = text;
  for (const { id, file } of HANDLERS) {
    if (file(source(text)) !== undefined) throw new Error(`${id} scans asynchronously: its findings would come too late`);
  }
  const out = reports;
  reports = [];
  scanned = "";
  return out;
}

// ---------------------------------------------------------------------------------------------
// Shapes the preset has no rule for. Every expression is a sequence of bounded or
// character-class runs with no quantified group inside another, so none backtracks more than
// linearly (test/core/credentials.test.ts checks each with recheck and on hostile input).

/**
 * A name that says its value is a secret (header, variable, flag, config key): it ends in one of
 * these words, so `apiKeyHelper`, `bearer_token_env_var` and `authentication` (a command, a
 * variable's name, a mode) are not taken for secrets.
 */
const SECRET_NAME = /(?:pass(?:wd|word|phrase)?|pwd|secret|token|api[-_]?key|access[-_]?key|private[-_]?key|secret[-_]?key|signing[-_]?key|credentials?|auth|authorization|bearer|cookie|session(?:[-_]?id)?|signature)[-_]?\d{0,3}$/i;
/** A query key that names a secret: the names above, or one of the short keys services use. */
const SECRET_QUERY = (k: string) => SECRET_NAME.test(k) || /^(?:sig|key|code|apikey)$/i.test(k);
/**
 * Placeholders and references, which are no secret: `${X}`, `$X`, `{{ x }}`, `<x>`, `xxxx`,
 * `changeme`, and code that reads a secret from elsewhere (`process.env.X`, `os.environ`).
 */
const NOT_A_VALUE = /^(?:\$\{[^}]*\}|\$[A-Za-z_]\w*|\{\{[^}]*\}\}|\{[^}]*\}|<[^>]*>|%[A-Za-z_]+%|x+|\*+|\.+|changeme|placeholder|example\w*|dummy\w*|your[-_]\w*|none|null|true|false|required|optional|redacted|\[redacted\]|(?:process\.env|os\.environ|import\.meta\.env|env|secrets|vars|inputs)(?:\.\w+|\[.*)?)$/i;

/** Generated secrets mix letters with digits or symbols; a long one may be letters only. */
const literal = (v: string): boolean => !NOT_A_VALUE.test(v) && v.length >= 6 && (v.length >= 16 || (/[A-Za-z]/.test(v) && /[^A-Za-z]/.test(v)));

/** Shannon entropy of `s[start, end)` in bits per character: random keys reach about 5, words and paths about 4. */
function entropy(s: string, start: number, end: number): number {
  const counts = new Map<number, number>();
  for (let i = start; i < end; i++) counts.set(s.charCodeAt(i), (counts.get(s.charCodeAt(i)) ?? 0) + 1);
  const n = end - start;
  let bits = 0;
  for (const c of counts.values()) bits -= (c / n) * Math.log2(c / n);
  return bits;
}

/** 0 lower, 1 upper, 2 digit, 3 anything else, by character code (ASCII; the rest is 3). */
const CLASS = new Uint8Array(128).map((_, c) => (c >= 97 && c <= 122 ? 0 : c >= 65 && c <= 90 ? 1 : c >= 48 && c <= 57 ? 2 : 3));
const classOf = (c: number) => (c < 128 ? CLASS[c]! : 3);

/**
 * `s[start, end)` looks generated: all of lower case, upper case and digits, high entropy, and
 * the kind of character changing as often as at random (about every other character; a
 * camelCase path or name changes every six or more).
 */
function random(s: string, min: number, start = 0, end = s.length): boolean {
  if (end - start < min) return false;
  let seen = 0;
  let changes = 0;
  let last = classOf(s.charCodeAt(start));
  for (let i = start; i < end; i++) {
    const k = classOf(s.charCodeAt(i));
    seen |= 1 << k;
    if (k !== last) changes++;
    last = k;
  }
  return (seen & 7) === 7 && changes / (end - start) >= 0.35 && entropy(s, start, end) >= 4.3;
}

interface Extra {
  why: string;
  re: RegExp;
  /** The secrets' spans in a match: none when the match is no secret after all. */
  find: (m: RegExpExecArray) => Span[];
}

/** The span of named group `s` (expressions carry the `d` flag), when `ok` accepts its text. */
const group = (ok: (s: string, m: RegExpExecArray) => boolean) => (m: RegExpExecArray): Span[] => {
  const s = m.groups?.s;
  const span = m.indices?.groups?.s;
  return s !== undefined && span && ok(s, m) ? [[span[0], span[1]]] : [];
};
const whole = (m: RegExpExecArray): Span[] => [[m.index, m.index + m[0].length]];

/** `user:password` in base64, as a Basic header carries it. */
function basicCredentials(s: string): boolean {
  const decoded = Buffer.from(s, "base64").toString("latin1");
  return decoded.indexOf(":") > 0 && !/[^\x20-\x7e]/.test(decoded);
}

export const EXTRA: Extra[] = [
  {
    why: "HTTP authorization: `Bearer`/`Token`/`Basic` and what follows (the preset knows tokens by prefix, not by the header they sit in)",
    re: /\b(?<scheme>Bearer|Token|Basic|Digest)\s{1,8}(?<s>[A-Za-z0-9._~+/=-]{8,4096})/dgi,
    // Not a word of prose ("Bearer authentication", "TOKEN variables."): a digit or symbol in it
    // besides a full stop, or long; after `token`, an English word too, a digit.
    find: group((s, m) => {
      const scheme = m.groups!.scheme!.toLowerCase();
      let end = s.length;
      while (end > 0 && s[end - 1] === ".") end--;
      const word = s.slice(0, end);
      if (NOT_A_VALUE.test(word)) return false;
      if (scheme === "basic" && basicCredentials(s)) return true;
      return scheme === "token" ? /[0-9]/.test(word) && /[A-Za-z]/.test(word) : /[^A-Za-z]/.test(word) || word.length >= 20;
    }),
  },
  {
    why: "a command-line flag with a secret-sounding name and its value: `--api-key x`, `--password=x`",
    re: /(?<![A-Za-z0-9_-])--?(?<n>[A-Za-z][A-Za-z0-9_-]{0,63})(?:=|\s{1,8})["']?(?<s>[^\s"'`<>]{1,1024})/dg,
    find: group((s, m) => SECRET_NAME.test(m.groups!.n!) && !s.startsWith("-") && !s.includes("://") && literal(s)),
  },
  {
    why: "`curl -u user:password` and the like: the password after the user name",
    re: /(?<![A-Za-z0-9_-])(?:-u|--user|--proxy-user|--basic-auth)(?:=|\s{1,8})["']?[^\s:="'`]{1,256}:(?<s>[^\s"'`]{1,1024})/dg,
    find: group((s) => !NOT_A_VALUE.test(s)),
  },
  {
    why: "a password in a URL's userinfo, whatever the scheme (the preset's rule needs a plain-word password and a known scheme)",
    re: /(?<=[A-Za-z0-9]):\/\/[^\s/?#@:"'`<>]{0,256}:(?<s>[^\s/?#@"'`<>]{1,1024})@/dg,
    find: group((s) => !NOT_A_VALUE.test(s)),
  },
  {
    why: "a query value under a secret-sounding key: `?access_token=`, `&api_key=`, `?sig=`",
    re: /[?&;](?<n>[A-Za-z0-9_.[\]-]{1,64})=(?<s>[^&#\s"'`<>]{1,4096})/dg,
    find: group((s, m) => SECRET_QUERY(m.groups!.n!) && !NOT_A_VALUE.test(s) && s.length >= 6),
  },
  {
    why: "a JSON Web Token (header.payload.signature, base64url)",
    re: /(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{8,4096}\.[A-Za-z0-9_-]{8,8192}\.[A-Za-z0-9_-]{8,4096}/dg,
    find: whole,
  },
  {
    why: "a Google API key (the preset's GCP rule reads service-account files only)",
    re: /(?<![A-Za-z0-9_-])AIza[0-9A-Za-z_-]{35}(?![A-Za-z0-9_-])/dg,
    find: whole,
  },
  {
    why: "a private key block, also without its END line or broken into lines and code spans by a report",
    re: /-----BEGIN[ A-Z0-9]{0,40}PRIVATE KEY(?: BLOCK)?-----[A-Za-z0-9+/=\s`'"\\]{0,16384}(?:-----END[ A-Z0-9]{0,40}PRIVATE KEY(?: BLOCK)?-----)?/dg,
    // Trailing space is left in place, so the report's next line stays where it was.
    find: (m) => [[m.index, m.index + m[0].trimEnd().length]],
  },
  ...[...TOKEN_PATTERNS, /(?<![A-Za-z0-9_])(?:gh[pousr]_|github_pat_)[A-Za-z0-9_]{1,255}/].map((re) => ({
    why: "a provider prefix with a body of another length than the preset's (a token cut for display, an older or newer format): the shapes the parsers flag literal secrets by (secrets.ts), and a GitHub prefix at any length",
    re: new RegExp(re.source, "dg"),
    find: whole,
  })),
];

/** A set of ASCII characters as a table, for scans by index. */
const table = (chars: string): Uint8Array => {
  const t = new Uint8Array(128);
  for (const ch of chars) t[ch.charCodeAt(0)] = 1;
  return t;
};
const ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const BASE64 = table(ALNUM + "+/-_");
const NAME = table(ALNUM + "_-");
/** What a value under a name may hold: not space, quotes, brackets or separators. */
const VALUE_STOP = table(" \t\n\r\f\v\"'`<>,;()[]{}");
const URL_STOP = table(" \t\n\r\"'`<>?#");
const isBase64 = (c: number) => c < 128 && BASE64[c] === 1;
const inTable = (t: Uint8Array, c: number) => c < 128 && t[c] === 1;

/**
 * A value under a secret-sounding name: `password: x`, `X-Api-Key: x`, `DB_PASSWORD=x`,
 * `"token": "x"`, `key => x`. Found from each `:` and `=`: the name before it (at most 64
 * characters, then an optional quote and up to 4 spaces) and the value after (at most 1,024). A
 * value is read once: the scan goes on after it, taken or not, so the work is linear.
 */
export function secretAssignments(text: string): Span[] {
  const out: Span[] = [];
  for (let i = 0; i < text.length; i++) {
    const op = text.charCodeAt(i);
    if (op !== 58 && op !== 61) continue; // `:` `=`
    let j = i;
    while (j > 0 && i - j < 4 && (text[j - 1] === " " || text[j - 1] === "\t")) j--;
    if (text[j - 1] === '"' || text[j - 1] === "'") j--;
    let start = j;
    while (start > 0 && j - start < 64 && inTable(NAME, text.charCodeAt(start - 1))) start--;
    if (start === j || (start > 0 && inTable(NAME, text.charCodeAt(start - 1))) || !/^[A-Za-z_]/.test(text[start]!)) continue;
    if (!SECRET_NAME.test(text.slice(start, j))) continue;
    let v = i + 1 + (op === 61 && text[i + 1] === ">" ? 1 : 0);
    for (let k = 0; k < 4 && (text[v] === " " || text[v] === "\t"); k++) v++;
    if (text[v] === '"' || text[v] === "'") v++;
    let end = v;
    while (end < text.length && end - v < 1024 && !inTable(VALUE_STOP, text.charCodeAt(end))) end++;
    const value = text.slice(v, end);
    if (value && !/^(?:bearer|basic|token|digest)$/i.test(value) && !value.includes("://") && literal(value)) out.push([v, end]);
    i = Math.max(i, end - 1);
  }
  return out;
}

/**
 * Long random runs of base64 or base64url (key bodies, opaque tokens): 40 characters or more that
 * `random` accepts. A scan by index, linear by construction; a run that is part of a host name or
 * an address (a `.`, `:` or `@` beside it) is left to the URL scan.
 */
export function randomRuns(text: string): Span[] {
  const out: Span[] = [];
  for (let i = 0; i < text.length; ) {
    if (!isBase64(text.charCodeAt(i))) {
      i++;
      continue;
    }
    let end = i;
    while (end < text.length && isBase64(text.charCodeAt(end))) end++;
    while (end < text.length && text[end] === "=" && end - i < 16400) end++;
    const before = text[i - 1] ?? " ";
    const after = text[end] ?? " ";
    if (end - i >= 40 && !".:@".includes(before) && !".@".includes(after) && random(text, 40, i, end)) out.push([i, end]);
    i = end;
  }
  return out;
}

/** Segments of URL paths that look generated (20 characters or more): the secret of a webhook URL. */
export function urlPathTokens(text: string): Span[] {
  const out: Span[] = [];
  for (let at = text.indexOf("://"); at >= 0; at = text.indexOf("://", at + 3)) {
    let i = at + 3;
    while (i < text.length && text[i] !== "/" && !inTable(URL_STOP, text.charCodeAt(i))) i++; // the host
    while (i < text.length && text[i] === "/") {
      let end = i + 1;
      while (end < text.length && text[end] !== "/" && !inTable(URL_STOP, text.charCodeAt(end))) end++;
      if (random(text, 20, i + 1, end)) out.push([i + 1, end]);
      i = end;
    }
    at = Math.max(at, i - 3);
  }
  return out;
}

/**
 * A word cut for display (`…` right after it) whose start looks generated: what is left of a
 * token no pattern knows by its first half. Mixed case and digits over 8 characters or more.
 */
export function cutTokens(text: string): Span[] {
  const out: Span[] = [];
  for (let at = text.indexOf("…"); at >= 0; at = text.indexOf("…", at + 1)) {
    let start = at;
    while (start > 0 && isBase64(text.charCodeAt(start - 1))) start--;
    const word = text.slice(start, at);
    if (word.length >= 8 && /[a-z]/.test(word) && /[A-Z]/.test(word) && /[0-9]/.test(word)) out.push([start, at]);
  }
  return out;
}

function extraFindings(text: string): Span[] {
  const out: Span[] = [...secretAssignments(text), ...randomRuns(text), ...urlPathTokens(text), ...cutTokens(text)];
  for (const extra of EXTRA) {
    for (const m of text.matchAll(extra.re)) for (const span of extra.find(m)) if (span[1] > span[0]) out.push(span);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------

/** No credential is shorter than this, so shorter texts are not scanned. */
const SHORTEST = 8;

/** The spans of `text` that hold a credential, sorted and merged. */
export function credentialSpans(text: string): Span[] {
  if (text.length < SHORTEST) return [];
  const spans = [...libraryFindings(text), ...extraFindings(text)].sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const merged: Span[] = [];
  for (const s of spans) {
    const last = merged[merged.length - 1];
    if (last && s[0] <= last[1]) last[1] = Math.max(last[1], s[1]);
    else merged.push([s[0], s[1]]);
  }
  return merged;
}

/** `text` with the spans replaced by `[redacted]`. */
export function applySpans(text: string, spans: readonly Span[]): string {
  if (!spans.length) return text;
  let out = "";
  let at = 0;
  for (const [start, end] of spans) {
    out += text.slice(at, start) + REDACTED;
    at = end;
  }
  return out + text.slice(at);
}

/** `text` with every credential replaced by `[redacted]`. */
export function redactCredentials(text: string): string {
  return applySpans(text, credentialSpans(text));
}

/** No expression crosses a line that holds only this (NUL is in none of their classes). */
const SEPARATOR = "\n\u0000\n";

/**
 * `credentialSpans` of each text, in one scan of them all: a report's JSON is thousands of short
 * strings (many the same), and each scan runs every rule once whatever the length. A span is
 * clipped to its text (none should reach over a separator, but one that did would hide parts of both).
 */
export function credentialSpansEach(texts: readonly string[]): Span[][] {
  const out: Span[][] = texts.map(() => []);
  const unique = [...new Set(texts.filter((t) => t.length >= SHORTEST))];
  if (!unique.length) return out;
  const spans = credentialSpans(unique.join(SEPARATOR));
  const found = new Map<string, Span[]>();
  let offset = 0;
  let s = 0;
  for (const text of unique) {
    const end = offset + text.length;
    const mine: Span[] = [];
    while (s < spans.length && spans[s]![0] < end) {
      const [a, b] = spans[s]!;
      if (b > offset) mine.push([Math.max(a, offset) - offset, Math.min(b, end) - offset]);
      if (b > end) break;
      s++;
    }
    if (mine.length) found.set(text, mine);
    offset = end + SEPARATOR.length;
  }
  if (found.size) texts.forEach((t, i) => (out[i] = found.get(t) ?? []));
  return out;
}
