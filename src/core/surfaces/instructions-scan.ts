// What an agent reads in a Markdown instruction file, from its CommonMark tokens (markdown-it):
// headings, HTML comments and other unrendered text, commands, `@path` imports and approval language.
import MarkdownIt, { type Token } from "markdown-it";
import { LineIndex } from "../parse/text.js";
import { trimWhere } from "./command-words.js";
import { approvalPhrases, blockCommands, inlineCommand, normalize, proseCommand } from "./instructions-phrases.js";

export interface Item {
  text: string;
  line: number;
  column?: number;
}

export interface MarkdownScan {
  sections: Item[];
  comments: Item[];
  commands: Item[];
  imports: Item[];
  approvalPhrases: Item[];
}

export interface ScanOptions {
  /** Claude commands run `` !`cmd` `` before the prompt is sent. */
  bangCommands?: boolean;
  /** CLAUDE.md / GEMINI.md pull in files named `@path`. */
  imports?: boolean;
}

/** Comments that configure tools (formatters, linters, TOC generators), not the agent. */
const DIRECTIVE =
  /^(?:prettier-ignore(?:-start|-end)?|markdownlint-[\w-]+(?:\s.*)?|\/?toc|toc(?:stop|start|end)?|(?:start|end) doctoc.*|doctoc.*|eslint-[\w-]+(?:\s.*)?|textlint-[\w-]+(?:\s.*)?|cspell:.*|spell-?checker:.*|vale\s.*|omit in toc|markdown-link-check-[\w-]+|all-contributors-[\w-]+(?:\s.*)?|more|mdformat-[\w-]+|remark-ignore(?:-start|-end)?)$/i;

/** `@path` in prose: a path-looking token after whitespace (not an e-mail, not `@user`). */
const IMPORT = /(?:^|[\s(])@((?:~\/|\.{1,2}\/|\/)?[\w.~-]+(?:\/[\w.~-]+)*)/g;

/**
 * Strict CommonMark with raw HTML (comments must be seen). markdown-it drops whatever is nested
 * deeper than `maxNesting`, so the limit sits far above what `tooHardToParse` lets through: no
 * text may vanish unscanned.
 */
const markdown = new MarkdownIt("commonmark", { maxNesting: 10_000 });

interface Reference {
  href: string;
  title: string;
}
interface Definition extends Reference {
  /** Normalized label (trimmed, upper case). */
  label: string;
  /** 0-based line of the definition. */
  line: number;
}
interface ScanEnv {
  references?: Record<string, Reference>;
  definitions: Definition[];
}

// markdown-it keeps only the first definition of each label, without its line, and emits no
// token for it: its `reference` rule is wrapped to record every definition where it stands
// (`[//]: # (...)` is often written many times in one file).
const referenceRule = markdown.block.ruler.__rules__.find((r) => r.name === "reference")?.fn;
if (!referenceRule) throw new Error("markdown-it has no `reference` block rule");
markdown.block.ruler.at("reference", (state, startLine, endLine, silent) => {
  const env = state.env as unknown as ScanEnv;
  const kept = env.references;
  const found: Record<string, Reference> = {};
  env.references = found;
  try {
    return referenceRule(state, startLine, endLine, silent);
  } finally {
    env.references = kept ?? {};
    for (const [label, ref] of Object.entries(found)) {
      env.definitions.push({ label, ...ref, line: startLine });
      env.references[label] ??= ref; // the first definition of a label is the one links use
    }
  }
});

type Approvals = (text: string, line: number) => void;

export function scanMarkdown(text: string, startLine: number, opts: ScanOptions = {}): MarkdownScan {
  // A byte-order mark is not text: as the first character it would turn a `# heading` into prose.
  const body = text.startsWith("\u{FEFF}") ? text.slice(1) : text;
  const scan: MarkdownScan = { sections: [], comments: [], commands: [], imports: [], approvalPhrases: [] };
  const approvals: Approvals = (text, line) => {
    for (const p of approvalPhrases(text)) scan.approvalPhrases.push({ text: p.text, line: line + p.offset });
  };
  const env: ScanEnv = { definitions: [] };
  let tokens: Token[];
  try {
    if (tooHardToParse(body)) throw new RangeError("document too large or too nested for the Markdown parser");
    tokens = markdown.parse(body, env as unknown as Record<string, unknown>);
  } catch {
    // A pathological document the parser cannot handle: read it as plain lines rather than not at all.
    plainScan(body, startLine, scan, approvals, opts);
    return scan;
  }
  // Block tokens come flat, in document order; `map` is their 0-based line range.
  tokens.forEach((token, i) => {
    const line = (token.map?.[0] ?? 0) + startLine;
    switch (token.type) {
      case "inline": {
        const text = plain(token.children ?? []);
        if (tokens[i - 1]?.type === "heading_open" && text.trim()) scan.sections.push({ text: normalize(text, 200), line });
        approvals(text, line);
        scanInline(token.children ?? [], line, scan, approvals, opts);
        break;
      }
      case "fence":
      case "code_block": {
        // A fence's content starts on the line after its opening fence; indented code on its first line.
        const first = token.type === "fence" ? line + 1 : line;
        const value = token.content.replace(/\n$/, "");
        const lang = token.info.trim().split(/\s/)[0] || null;
        for (const c of blockCommands(lang, value)) scan.commands.push({ text: c.text, line: first + c.offset });
        approvals(value, first);
        break;
      }
      case "html_block": {
        commentsOf(token.content, line, scan, approvals);
        // Markdown is not read inside raw HTML, but the agent reads its text: tags and comments
        // blanked out (comments are read above), line breaks kept.
        const text = blankTags(token.content.replace(HTML_COMMENT, (c) => c.replace(/[^\n]/g, " ")));
        approvals(text, line);
        textCommands(text, line, scan);
        break;
      }
    }
  });
  for (const d of env.definitions) {
    // `[//]: # (text)` and `[comment]: <> (text)`: link definitions used as comments never render.
    if (!d.title) continue;
    if (d.href === "#" || d.href === "" || /^(?:\/\/|comment|_)$/i.test(d.label)) addComment(d.title, d.line + startLine, scan, approvals);
    // Any other title shows only as a tooltip, if at all; the agent reads it as text.
    else approvals(d.title, d.line + startLine);
  }
  return scan;
}

/** Text, code spans and inline HTML of one paragraph or heading; soft and hard breaks advance the line. */
function scanInline(children: Token[], startLine: number, scan: MarkdownScan, approvals: Approvals, opts: ScanOptions): void {
  let line = startLine;
  children.forEach((child, i) => {
    switch (child.type) {
      case "softbreak":
      case "hardbreak":
        line++;
        break;
      case "text": {
        const cmd = proseCommand(child.content);
        if (cmd) scan.commands.push({ text: cmd, line });
        if (opts.imports) importsOf(child.content, line, scan.imports);
        break;
      }
      case "code_inline": {
        const prev = children[i - 1];
        const bang = opts.bangCommands && prev?.type === "text" && prev.content.endsWith("!");
        const cmd = bang ? normalize(child.content) : inlineCommand(child.content);
        if (cmd) scan.commands.push({ text: cmd, line });
        break;
      }
      case "html_inline":
        commentsOf(child.content, line, scan, approvals);
        line += child.content.split("\n").length - 1;
        break;
    }
  });
}

/**
 * The parser is quadratic in nesting depth and in emphasis/link delimiters; real instruction files
 * are far below these limits, hostile ones are read line by line instead.
 */
const MAX_PARSED_CHARS = 200_000;
const MAX_CONTAINER_DEPTH = 100;
const MAX_DELIMITERS = 20_000;

function tooHardToParse(body: string): boolean {
  if (body.length > MAX_PARSED_CHARS) return true;
  if ((body.match(/[*_[\]<`]/g)?.length ?? 0) > MAX_DELIMITERS) return true;
  for (const line of body.split("\n")) {
    // List and quote markers a line opens, plus its indentation (nested containers).
    const lead = /^(?:[ \t]*(?:[-*+>]|\d{1,9}[.)])(?=[ \t]|$))*/.exec(line)![0];
    const markers = lead.match(/[-*+>]|\d{1,9}[.)]/g)?.length ?? 0;
    const indent = /^[ \t]*/.exec(line)![0].length;
    if (markers + Math.floor(indent / 2) > MAX_CONTAINER_DEPTH) return true;
  }
  return false;
}

/** The text of an inline run as the agent reads it: text and code spans, line breaks kept. */
function plain(children: Token[]): string {
  let out = "";
  for (const c of children) {
    if (c.type === "text" || c.type === "code_inline") out += c.content;
    else if (c.type === "softbreak" || c.type === "hardbreak") out += "\n";
  }
  return out;
}

/** An HTML comment; an unclosed `<!--` hides everything after it, so it runs to the end. */
const HTML_COMMENT = /<!--([\s\S]*?)(?:-->|$)/g;

function commentsOf(html: string, line: number, scan: MarkdownScan, approvals: Approvals): void {
  let index: LineIndex | undefined; // only for text that has comments; one pass, however many
  for (const m of html.matchAll(HTML_COMMENT)) {
    index ??= new LineIndex(html);
    addComment(m[1]!, line + index.lineOf(m.index!) - 1, scan, approvals);
  }
}

function addComment(raw: string, line: number, scan: MarkdownScan, approvals: Approvals): void {
  const text = normalize(raw, 500);
  if (!text || DIRECTIVE.test(text)) return;
  scan.comments.push({ text, line });
  approvals(raw, line);
  // The agent reads the comment like any other text: commands in it count as commands too.
  textCommands(raw, line, scan);
}

/** Commands in unparsed text, line by line: `code spans` if a line has any, else the prose. */
function textCommands(raw: string, line: number, scan: MarkdownScan): void {
  raw.split("\n").forEach((l, i) => {
    const spans = [...l.matchAll(/`([^`]+)`/g)].map((m) => inlineCommand(m[1]!)).filter((c): c is string => !!c);
    const cmds = spans.length ? spans : [proseCommand(l)].filter((c): c is string => !!c);
    for (const c of cmds) scan.commands.push({ text: c, line: line + i });
  });
}

function importsOf(text: string, line: number, out: Item[]): void {
  text.split("\n").forEach((l, i) => {
    for (const m of l.matchAll(IMPORT)) {
      const path = trimWhere(m[1]!, (c) => ".,;:!?".includes(c), "end");
      // A file path has a slash or an extension; README / LICENSE style names are files too.
      if (path.includes("/") || /\.\w+$/.test(path) || /^[A-Z][A-Z_-]{2,}$/.test(path)) out.push({ text: path, line: line + i });
    }
  });
}

/** Without a syntax tree: fences, headings, comments and prose line by line (nothing may slip through). */
function plainScan(body: string, startLine: number, scan: MarkdownScan, approvals: Approvals, opts: ScanOptions): void {
  let fence: { marker: string; lang: string; start: number; lines: string[] } | undefined;
  body.split("\n").forEach((l, i) => {
    const line = startLine + i;
    const open = /^\s{0,3}(`{3,}|~{3,})\s*([\w+-]*)/.exec(l);
    if (fence) {
      if (open && open[1]!.startsWith(fence.marker) && !open[2]) {
        for (const c of blockCommands(fence.lang, fence.lines.join("\n"))) scan.commands.push({ text: c.text, line: fence.start + 1 + c.offset });
        fence = undefined;
      } else fence.lines.push(l);
      approvals(l, line);
      return;
    }
    if (open) {
      fence = { marker: open[1]!, lang: open[2] ?? "", start: line, lines: [] };
      return;
    }
    const heading = atxHeading(l);
    if (heading) scan.sections.push({ text: normalize(heading, 200), line });
    for (const m of l.matchAll(/(!?)`([^`]+)`/g)) {
      const cmd = opts.bangCommands && m[1] ? normalize(m[2]!) : inlineCommand(m[2]!);
      if (cmd) scan.commands.push({ text: cmd, line });
    }
    const cmd = proseCommand(l.replace(/`[^`]*`/g, " "));
    if (cmd) scan.commands.push({ text: cmd, line });
    if (opts.imports) importsOf(l, line, scan.imports);
    approvals(l.replace(/`/g, ""), line);
  });
  // An unclosed fence runs to the end of the document.
  if (fence) for (const c of blockCommands(fence.lang, fence.lines.join("\n"))) scan.commands.push({ text: c.text, line: fence.start + 1 + c.offset });
  commentsOf(body, startLine, scan, approvals);
}

const isSpace = (c: string | undefined): boolean => c !== undefined && /\s/.test(c);

/**
 * `<tag ...>` runs (to the first `>` on their line) each replaced by a space. A `<` with no `>`
 * before the line ends is left, and so is every `<` after it on that line: the pattern
 * `<[^>\n]*>` rescanned the line from each of them.
 */
function blankTags(html: string): string {
  let out = "";
  let from = 0;
  for (let open = html.indexOf("<"); open >= 0; ) {
    let j = open + 1;
    while (j < html.length && html[j] !== ">" && html[j] !== "\n") j++;
    if (html[j] === ">") {
      out += html.slice(from, open) + " ";
      from = j + 1;
    }
    open = html.indexOf("<", j);
  }
  return out + html.slice(from);
}

/**
 * The text of an ATX heading line (`## Title ##`), or undefined: up to three spaces, one to six `#`,
 * a space, then the text without its closing `#`s and spaces (which may not hold a line terminator).
 * Read left to right once, not by a pattern whose lazy text and trailing `[\s#]*` overlapped.
 */
function atxHeading(l: string): string | undefined {
  let i = 0;
  while (i < 3 && isSpace(l[i])) i++;
  let h = i;
  while (l[h] === "#") h++;
  if (h === i || h - i > 6 || !isSpace(l[h])) return undefined;
  let start = h;
  while (isSpace(l[start])) start++;
  let end = l.length;
  while (end > start && (isSpace(l[end - 1]) || l[end - 1] === "#")) end--;
  const text = l.slice(start, end);
  return /[\n\r\u2028\u2029]/.test(text) ? undefined : text || undefined;
}

/** Hosts of http(s) URLs anywhere in the text (prose, links, code, comments), with positions. */
export function urlHosts(text: string): Item[] {
  const out: Item[] = [];
  const index = new LineIndex(text);
  for (const m of text.matchAll(/https?:\/\/[^\s<>"'`)\]}|\\]+/gi)) {
    let host: string;
    try {
      host = new URL(m[0]).hostname.toLowerCase();
    } catch {
      continue;
    }
    if (!host || host.includes("{") || host.includes("$")) continue;
    const line = index.lineOf(m.index);
    out.push({ text: host, line, column: m.index - index.startOfLine(line) + 1 });
  }
  return out;
}
