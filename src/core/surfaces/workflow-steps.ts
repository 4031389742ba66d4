// Text scanning for GitHub workflows: `${{ }}` expressions (secrets, attacker-controlled contexts),
// `curl | sh` style remote scripts in `run:` steps, and shell-style splitting of argument strings.
import { parse as shellParse } from "shell-quote";
import { LineIndex } from "../parse/text.js";
import { remoteScriptOf } from "./remote-scripts.js";

/** Cap on any one string we scan: hostile files can hold megabytes in one scalar. */
export const MAX_SCAN = 200_000;
/** Cap on one command (its `\` continuations joined) checked for download-and-run shapes. */
export const MAX_LINE = 2_000;
/** A download command's first word, found in linear time: no download, nothing a cap could hide. */
const FETCH_WORD = /\b(?:curl|wget|iwr|irm|invoke-webrequest|invoke-restmethod|fetch|http|new-object)\b/i;

/**
 * `${{ ... }}` in a string, each closed by the first `}}` after it, with its offset. Found with
 * indexOf: the pattern `\$\{\{[\s\S]*?\}\}` rescanned to the end from every unclosed `${{`.
 */
export function expressionSpans(s: string): { index: number; text: string; body: string }[] {
  const out: { index: number; text: string; body: string }[] = [];
  for (let open = s.indexOf("${{"); open >= 0; ) {
    const close = s.indexOf("}}", open + 3);
    if (close < 0) break; // no `}}` after this one: none after the later ones either
    out.push({ index: open, text: s.slice(open, close + 2), body: s.slice(open + 3, close) });
    open = s.indexOf("${{", close + 2);
  }
  return out;
}

/** The bodies of `${{ ... }}` expressions in a string. */
export function expressions(text: string): string[] {
  return expressionSpans(text.slice(0, MAX_SCAN)).map((e) => e.body.trim());
}

/** Secret names referenced in an expression body: `secrets.X`, `secrets['X']`. Upper-cased: names are case-insensitive. */
export function secretsInExpression(expr: string): string[] {
  const out: string[] = [];
  const re = /\bsecrets\s*(?:\.\s*([A-Za-z_][A-Za-z0-9_-]*)|\[\s*['"]([^'"\]]+)['"]\s*\])/g;
  for (let m = re.exec(expr); m; m = re.exec(expr)) out.push((m[1] ?? m[2]!).toUpperCase());
  return out;
}

/**
 * Context paths an outsider controls (issue/PR/comment text, branch names, commit messages). A
 * shorter path that contains one of them (`github.event.issue`, dumped with toJSON) counts too.
 */
const UNTRUSTED: RegExp[] = [
  /^github\.event\.issue\.(title|body)$/,
  /^github\.event\.pull_request\.(title|body|head\.ref|head\.label|head\.repo\.default_branch)$/,
  /^github\.event\.comment\.body$/,
  /^github\.event\.review\.body$/,
  /^github\.event\.review_comment\.body$/,
  /^github\.event\.discussion\.(title|body)$/,
  /^github\.event\.pages\.\*\.page_name$/,
  /^github\.event\.commits\.\*\.(message|author\.(email|name)|committer\.(email|name))$/,
  /^github\.event\.head_commit\.(message|author\.(email|name)|committer\.(email|name))$/,
  /^github\.head_ref$/,
  /^github\.event\.workflow_run\.(head_branch|display_title|head_commit\.(message|author\.(email|name)|committer\.(email|name))|pull_requests\.\*\.head\.ref)$/,
];
/** Objects that hold untrusted text somewhere inside: `toJSON(github.event.issue)` pastes it all. */
const UNTRUSTED_OBJECTS = /^github\.event(\.(issue|pull_request|pull_request\.head|comment|review|review_comment|discussion|pages|pages\.\*|commits|commits\.\*|head_commit|head_commit\.author|workflow_run|workflow_run\.head_commit))?$/;

/**
 * Normalize `github.event['issue'].body`, `commits[0]` to `github.event.issue.body`, `commits.*`.
 * Read accessor by accessor: as one pattern (`\bgithub(?:\s*\.\s*\w+|\s*\[...\]|\.\*)*`) the
 * analyser could not show it linear within a minute (the tests require it); the parse is plainly so.
 */
function contextPaths(expr: string): string[] {
  const out: string[] = [];
  for (let at = expr.search(/\bgithub/); at >= 0; ) {
    let end = at + "github".length;
    for (let next = accessorEnd(expr, end); next > 0; next = accessorEnd(expr, end)) end = next;
    const path = expr
      .slice(at, end)
      .replace(/\s+/g, "")
      .replace(/\[(?:'([^']*)'|"([^"]*)")\]/g, (_, a, b) => `.${a ?? b}`)
      .replace(/\[(\d+|\*)\]/g, ".*");
    out.push(path);
    const rest = expr.slice(end).search(/\bgithub/);
    at = rest < 0 ? -1 : end + rest;
  }
  return out;
}

const IDENT = /[A-Za-z_][A-Za-z0-9_-]*/y;
const DIGITS = /\d+/y;
const skipSpace = (s: string, i: number): number => {
  while (i < s.length && /\s/.test(s[i]!)) i++;
  return i;
};

/** The end of one accessor at `i` (`.name`, `['name']`, `["name"]`, `[0]`, `[*]`, `.*`, spaces around allowed as before), or -1. */
function accessorEnd(s: string, i: number): number {
  const j = skipSpace(s, i);
  if (s[j] === ".") {
    IDENT.lastIndex = skipSpace(s, j + 1);
    if (IDENT.test(s)) return IDENT.lastIndex;
  }
  if (s[j] === "[") {
    const k = skipSpace(s, j + 1);
    let inner = -1;
    if (s[k] === "'" || s[k] === '"') inner = s.indexOf(s[k]!, k + 1) + 1 || -1;
    else if (s[k] === "*") inner = k + 1;
    else {
      DIGITS.lastIndex = k;
      if (DIGITS.test(s)) inner = DIGITS.lastIndex;
    }
    const e = inner > 0 ? skipSpace(s, inner) : -1;
    if (e > 0 && s[e] === "]") return e + 1;
  }
  return s[i] === "." && s[i + 1] === "*" ? i + 2 : -1;
}

/** The attacker-controlled context paths an expression body interpolates. */
export function untrustedInExpression(expr: string): string[] {
  return contextPaths(expr).filter((p) => UNTRUSTED.some((re) => re.test(p)) || UNTRUSTED_OBJECTS.test(p));
}

/** Untrusted context paths in every `${{ }}` of a text, each with its 0-based line inside the text. */
export function injectionsIn(text: string): { expr: string; lineOffset: number }[] {
  const out: { expr: string; lineOffset: number }[] = [];
  const s = text.slice(0, MAX_SCAN);
  const index = new LineIndex(s);
  for (const e of expressionSpans(s)) {
    const lineOffset = index.lineOf(e.index) - 1;
    for (const expr of untrustedInExpression(e.body)) out.push({ expr, lineOffset });
  }
  return out;
}

/**
 * Text a scan's caps kept it from reading that could hold what it looks for, with its 0-based line
 * inside the script: never dropped in silence, it is reported for a person to read (`text` is the
 * part not scanned, for the fingerprint).
 */
export interface Unscanned {
  /** `tail`: past MAX_SCAN; `command`: one command longer than MAX_LINE; `rest`: past a count cap. */
  kind: "tail" | "command" | "rest";
  lineOffset: number;
  chars: number;
  text: string;
}

/** The part of a script past MAX_SCAN, when it holds an expression (or, for `run:`, a download). */
export function unscannedTail(text: string, opts: { downloads: boolean }): Unscanned | undefined {
  if (text.length <= MAX_SCAN) return undefined;
  const tail = text.slice(MAX_SCAN);
  if (!tail.includes("${{") && !(opts.downloads && FETCH_WORD.test(tail))) return undefined;
  return { kind: "tail", lineOffset: new LineIndex(text).lineOf(MAX_SCAN) - 1, chars: text.length, text: tail };
}

export interface RemoteScript {
  script: string;
  lineOffset: number;
  /** The whole match, when `script` was cut for display. */
  full?: string;
}

/**
 * `curl ... | sh` and the like in a `run:` script, whitespace folded, with their 0-based line inside
 * the script; and the commands too long to check (over MAX_LINE) that name a download.
 */
export function remoteScriptsIn(script: string): { found: RemoteScript[]; unscanned: Unscanned[] } {
  const found: RemoteScript[] = [];
  const unscanned: Unscanned[] = [];
  const lines = script.slice(0, MAX_SCAN).split("\n");
  for (let i = 0; i < lines.length; i++) {
    const start = i;
    const joined = joinContinued(lines, i);
    const stmt = joined.stmt;
    i = joined.last;
    // A real command line is short; the cap bounds the scan's work on hostile input, and a longer one
    // that names a download is reported unscanned rather than cut.
    if (stmt.length > MAX_LINE && FETCH_WORD.test(stmt)) unscanned.push({ kind: "command", lineOffset: start, chars: stmt.length, text: stmt });
    const hit = remoteScriptOf(withoutComment(stmt.slice(0, MAX_LINE)));
    if (hit) {
      // Shown cut at 300 characters; `full`, when longer, so that what follows the cut still counts.
      const full = hit.replace(/\s+/g, " ").trim();
      found.push({ script: full.slice(0, 300), lineOffset: start, ...(full.length > 300 ? { full } : {}) });
    }
  }
  const tail = unscannedTail(script, { downloads: true });
  return { found, unscanned: tail ? [...unscanned, tail] : unscanned };
}

const isSpace = (c: string): boolean => /\s/.test(c);

/** Offset just past the last non-space character of `s` (0 when it is all space). */
function contentEnd(s: string): number {
  let i = s.length;
  while (i > 0 && isSpace(s[i - 1]!)) i--;
  return i;
}

/**
 * Lines from `first` joined at `\` continuations (the `\` and the space after it become one space),
 * as the shell reads one command, and the index of its last line. Built as a list and joined once:
 * re-testing and re-copying the growing statement per line took 14 s per MB of continuations.
 */
function joinContinued(lines: string[], first: number): { stmt: string; last: number } {
  const parts = [lines[first]!];
  let i = first;
  while (i + 1 < lines.length && dropContinuation(parts)) parts.push(" ", lines[++i]!);
  return { stmt: parts.join(""), last: i };
}

/** Removes a final `\` and the space after it (which may span parts); false when the parts do not end so. */
function dropContinuation(parts: string[]): boolean {
  let k = parts.length - 1;
  while (k >= 0 && contentEnd(parts[k]!) === 0) k--;
  if (k < 0) return false;
  const end = contentEnd(parts[k]!);
  if (parts[k]![end - 1] !== "\\") return false;
  parts.length = k + 1;
  parts[k] = parts[k]!.slice(0, end - 1);
  return true;
}

/** A command without its `# comment`: from the first `#` that starts the text or follows a space, to the end. */
function withoutComment(code: string): string {
  // `.*$` could not cross a line terminator, so a `#` before one is no comment start.
  let from = 0;
  for (let i = code.length - 1; i >= 0; i--) if ("\r\u2028\u2029\n".includes(code[i]!)) { from = i + 1; break; }
  for (let i = from; i < code.length; i++) if (code[i] === "#" && (i === 0 || isSpace(code[i - 1]!))) return code.slice(0, i);
  return code;
}

/** Drop unquoted `# comments` up to the end of their line (shell-quote would swallow the rest of the string). */
function stripComments(s: string): string {
  let out = "";
  let quote: string | null = null;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (quote) {
      out += c;
      if (c === "\\" && quote === '"' && i + 1 < s.length) out += s[++i];
      else if (c === quote) quote = null;
      continue;
    }
    if (c === "'" || c === '"') quote = c;
    if (c === "#" && (i === 0 || /\s/.test(s[i - 1]!))) {
      while (i < s.length && s[i] !== "\n") i++;
      out += "\n";
      continue;
    }
    out += c;
  }
  return out;
}

type Token = string | { op: string };

/**
 * Shell tokens of a text: words (quotes removed, `$VAR` kept as written, `${{ }}` expressions kept
 * verbatim) and control operators. Never throws: text shell-quote rejects splits at spaces.
 */
function shellTokens(input: string): Token[] {
  const exprs: string[] = [];
  const joined = stripComments(input.slice(0, MAX_SCAN)).replace(/\\\r?\n/g, " ");
  let masked = "";
  let from = 0;
  for (const e of expressionSpans(joined)) {
    masked += joined.slice(from, e.index) + `__EXPR${exprs.push(e.text) - 1}__`;
    from = e.index + e.text.length;
  }
  masked += joined.slice(from);
  const params: string[] = [];
  masked = maskParameters(masked, params);
  let tokens: ReturnType<typeof shellParse>;
  try {
    tokens = shellParse(masked, (name) => `$${name}`);
  } catch {
    tokens = masked.split(/\s+/).filter(Boolean);
  }
  const unmask = (w: string) => {
    const p = w.includes("__PARAM") ? w.replace(/__PARAM(\d+)__/g, (_, i) => params[Number(i)] ?? "") : w;
    return p.includes("__EXPR") ? p.replace(/__EXPR(\d+)__/g, (_, i) => exprs[Number(i)] ?? "") : p;
  };
  const out: Token[] = [];
  for (const t of tokens) {
    if (typeof t === "string") out.push(unmask(t));
    else if ("pattern" in t) out.push(unmask(t.pattern));
    else if ("op" in t) out.push({ op: t.op });
  }
  return out;
}

/** A `${...}` longer than this is left to the tokenizer (which reads it as it can). */
const MAX_PARAMETER = 2_000;

/**
 * `${NAME}` → `$NAME`, and `${NAME:+--flag "$X"}` (spaces, quotes, nesting) → a placeholder for its
 * text, in one pass: shell-quote rejects the second kind, and the whole statement with it.
 */
function maskParameters(s: string, params: string[]): string {
  let out = "";
  let from = 0;
  for (let open = s.indexOf("${"); open >= 0; open = s.indexOf("${", from)) {
    let depth = 0;
    let close = -1;
    for (let i = open + 1; i < s.length && i - open <= MAX_PARAMETER; i++) {
      if (s[i] === "{") depth++;
      else if (s[i] === "}" && --depth === 0) {
        close = i;
        break;
      }
    }
    if (close < 0) break;
    const text = s.slice(open, close + 1);
    const name = /^\$\{([A-Za-z_][A-Za-z0-9_]*)\}$/.exec(text);
    out += s.slice(from, open) + (name ? `$${name[1]}` : `__PARAM${params.push(text) - 1}__`);
    from = close + 1;
  }
  return out + s.slice(from);
}

/**
 * Split an argument string as a shell would (claude_args, codex-args). `${{ }}` expressions are kept
 * verbatim; an unquoted `Bash(git:*)` stays one word. Never throws.
 */
export function shellWords(input: string): string[] {
  const words: string[] = [];
  let depth = 0;
  for (const t of shellTokens(input)) {
    const text = typeof t === "string" ? t : t.op === "(" || t.op === ")" ? t.op : undefined;
    if (text === undefined) continue;
    // Re-glue `Bash` `(` `git:*` `)` into `Bash(git:*)`.
    if (text === "(" || depth > 0 || text === ")") {
      const prev = words.length ? words.pop()! : "";
      const glue = text === "(" || text === ")" || prev.endsWith("(") ? "" : " ";
      words.push(prev + glue + text);
      depth += text === "(" ? 1 : text === ")" ? -1 : 0;
      if (depth < 0) depth = 0;
      continue;
    }
    words.push(text);
  }
  return words;
}

const REDIRECTS = new Set([">", ">>", ">&", ">|", "&>", "&>>", "<", "<>", "<&", "<<", "<<-", "<<<"]);

/**
 * The simple commands of one shell statement: their words, and the files they write by redirection
 * (`> .mcp.json`, `>> f`). Split at `;`, `&&`, `||`, `|`, `&` and parentheses. Never throws.
 */
export function shellCommands(input: string): { words: string[]; writes: string[] }[] {
  const out: { words: string[]; writes: string[] }[] = [];
  let cur = { words: [] as string[], writes: [] as string[] };
  let redirect: string | undefined;
  for (const t of shellTokens(input)) {
    if (typeof t === "string") {
      if (redirect !== undefined) {
        if (redirect.startsWith(">") || redirect.startsWith("&>")) cur.writes.push(t);
        redirect = undefined;
      } else cur.words.push(t);
    } else if (REDIRECTS.has(t.op)) {
      // `2>&1`: the `2` is the redirected descriptor, not a word of the command.
      if (/^\d$/.test(cur.words[cur.words.length - 1] ?? "")) cur.words.pop();
      redirect = t.op;
    }
    else {
      if (cur.words.length || cur.writes.length) out.push(cur);
      cur = { words: [], writes: [] };
      redirect = undefined;
    }
  }
  if (cur.words.length || cur.writes.length) out.push(cur);
  return out;
}

/** Group a word list into `--flag value...` entries (values are the following non-flag words). */
export function flagGroups(words: string[]): { flag: string; values: string[] }[] {
  const out: { flag: string; values: string[] }[] = [];
  for (const w of words) {
    if (/^--?[A-Za-z]/.test(w)) {
      const eq = w.indexOf("=");
      if (w.startsWith("--") && eq > 0) out.push({ flag: w.slice(0, eq), values: [w.slice(eq + 1)] });
      else out.push({ flag: w, values: [] });
    } else if (out.length) out[out.length - 1]!.values.push(w);
    else out.push({ flag: "", values: [w] });
  }
  return out;
}
