// A `run:` script read as the shell reads it, in one linear pass: its statements (lines joined where
// a quote, a `$(`, or a `\` continues them; comments dropped) and its here-documents (`cat > f <<EOF`),
// whose bodies are data, not commands. Good enough to find commands, not a shell: an unusual nesting
// makes one statement longer, never a command out of a quoted string.
import { MAX_SCAN } from "./workflow-steps.js";

export interface Statement {
  text: string;
  /** 0-based line of the script it starts on. */
  line: number;
}

export interface Heredoc {
  /** The statement that opens it (`cat > .mcp.json <<'EOF'`). */
  opener: string;
  body: string;
  /** 0-based line of the opener. */
  line: number;
}

/** Nesting kept per statement: a deeper one is read as the deepest (no hostile stack). */
const MAX_DEPTH = 32;
type Ctx = "top" | "sub" | "dq" | "sq" | "bt";

const isWordStart = (s: string, i: number): boolean => i === 0 || /[\s;&|()]/.test(s[i - 1]!);

/** After `<<` at `i`: the delimiter word (quotes removed) and where it ends, or undefined (`<<<`, none). */
function heredocAt(s: string, i: number): { delimiter: string; dash: boolean; end: number } | undefined {
  let j = i + 2;
  if (s[j] === "<") return undefined;
  const dash = s[j] === "-" || s[j] === "~";
  if (dash) j++;
  while (s[j] === " " || s[j] === "\t") j++;
  const q = s[j] === "'" || s[j] === '"' ? s[j]! : s[j] === "\\" ? "\\" : "";
  if (q) j++;
  const start = j;
  while (j < s.length && /[A-Za-z0-9_.-]/.test(s[j]!)) j++;
  if (j === start) return undefined;
  const delimiter = s.slice(start, j);
  if (q === "'" || q === '"') j += s[j] === q ? 1 : 0;
  return { delimiter, dash, end: j };
}

/** The body of a here-document from `from` up to its delimiter line: its text, where reading goes on, and the lines it spans. */
function heredocBody(s: string, from: number, h: { delimiter: string; dash: boolean }): { text: string; next: number; lines: number } {
  // `at`: the start of the line read; the body is every line before the delimiter's.
  for (let at = from, lines = 1; ; lines++) {
    const nl = s.indexOf("\n", at);
    const text = s.slice(at, nl < 0 ? s.length : nl);
    const closes = (h.dash ? text.replace(/^\t+/, "") : text).trim() === h.delimiter;
    if (closes || nl < 0) return { text: s.slice(from, closes ? at : s.length), next: nl < 0 ? s.length : nl + 1, lines };
    at = nl + 1;
  }
}

/** Statements and here-documents of a script (its first MAX_SCAN characters). */
export function readShell(script: string): { statements: Statement[]; heredocs: Heredoc[] } {
  const s = script.slice(0, MAX_SCAN);
  const statements: Statement[] = [];
  const heredocs: Heredoc[] = [];
  const stack: Ctx[] = [];
  const top = (): Ctx => stack[stack.length - 1] ?? "top";
  const push = (c: Ctx) => stack.length < MAX_DEPTH && stack.push(c);
  let parts: string[] = [];
  let from = 0;
  let startLine = 0;
  let line = 0;
  let pending: { delimiter: string; dash: boolean }[] = [];
  const end = (at: number) => {
    parts.push(s.slice(from, at));
    const text = parts.join("").trim();
    if (text) statements.push({ text, line: startLine });
    parts = [];
    return text;
  };
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    const ctx = top();
    if (c === "\n") line++;
    if (ctx === "sq") {
      if (c === "'") stack.pop();
      continue;
    }
    if (c === "\\") {
      // `\` + newline outside single quotes joins the lines: dropped with the newline.
      if (s[i + 1] === "\n") {
        parts.push(s.slice(from, i), " ");
        from = i + 2;
        line++;
      }
      i++;
      continue;
    }
    if (ctx === "bt") {
      if (c === "`") stack.pop();
      continue;
    }
    if (c === "$" && s[i + 1] === "(") {
      push("sub");
      i++;
      continue;
    }
    if (c === "`") {
      push("bt");
      continue;
    }
    if (ctx === "dq") {
      if (c === '"') stack.pop();
      continue;
    }
    // top level or inside `$(`
    if (c === "'") push("sq");
    else if (c === '"') push("dq");
    else if (c === ")" && ctx === "sub") stack.pop();
    else if (c === "#" && isWordStart(s, i)) {
      parts.push(s.slice(from, i));
      while (i + 1 < s.length && s[i + 1] !== "\n") i++;
      from = i + 1;
    } else if (c === "<" && s[i + 1] === "<") {
      const h = heredocAt(s, i);
      if (h) {
        pending.push(h);
        i = h.end - 1;
      } else i++;
    } else if (c === "\n" && ctx === "top") {
      const opener = end(i);
      from = i + 1;
      // Here-document bodies follow the statement's line, each up to its delimiter line.
      for (const h of pending) {
        const body = heredocBody(s, from, h);
        heredocs.push({ opener, body: body.text, line: startLine });
        from = body.next;
        line += body.lines;
      }
      pending = [];
      i = from - 1;
      startLine = line;
    }
  }
  if (from < s.length || parts.length) {
    const opener = end(s.length);
    for (const _ of pending) heredocs.push({ opener, body: "", line: startLine });
  }
  return { statements, heredocs };
}
