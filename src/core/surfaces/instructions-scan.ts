// What an agent reads in a Markdown instruction file, from its syntax tree (mdast): headings, HTML
// comments and other unrendered text, commands, `@path` imports and approval language.
import { fromMarkdown } from "mdast-util-from-markdown";
import type { Nodes, Parents } from "mdast";
import { LineIndex } from "../parse/text.js";
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

export function scanMarkdown(body: string, startLine: number, opts: ScanOptions = {}): MarkdownScan {
  const scan: MarkdownScan = { sections: [], comments: [], commands: [], imports: [], approvalPhrases: [] };
  const approvals = (text: string, line: number) => {
    for (const p of approvalPhrases(text)) scan.approvalPhrases.push({ text: p.text, line: line + p.offset });
  };
  let tree: Nodes;
  try {
    if (tooHardToParse(body)) throw new RangeError("document too large or too nested for the Markdown parser");
    tree = fromMarkdown(body);
  } catch {
    // A pathological document the parser cannot handle: read it as plain lines rather than not at all.
    plainScan(body, startLine, scan, approvals, opts);
    return scan;
  }
  // Iterative walk: hostile nesting must not overflow the stack.
  const stack: Array<{ node: Nodes; parent?: Parents; index: number }> = [{ node: tree, index: 0 }];
  while (stack.length) {
    const { node, parent, index } = stack.pop()!;
    const line = (node.position?.start.line ?? 1) + startLine - 1;
    switch (node.type) {
      case "heading": {
        const text = plain(node);
        if (text.trim()) scan.sections.push({ text: normalize(text, 200), line });
        approvals(text, line);
        break;
      }
      case "paragraph":
      case "tableCell":
        approvals(plain(node), line);
        break;
      case "code":
        for (const c of blockCommands(node.lang, node.value)) scan.commands.push({ text: c.text, line: line + 1 + c.offset });
        approvals(node.value, line + 1);
        break;
      case "inlineCode": {
        const prev = parent?.children[index - 1];
        const bang = opts.bangCommands && prev?.type === "text" && prev.value.endsWith("!");
        const cmd = bang ? normalize(node.value) : inlineCommand(node.value);
        if (cmd) scan.commands.push({ text: cmd, line });
        break;
      }
      case "text":
        node.value.split("\n").forEach((l, i) => {
          const cmd = proseCommand(l);
          if (cmd) scan.commands.push({ text: cmd, line: line + i });
        });
        if (opts.imports) importsOf(node.value, line, scan.imports);
        break;
      case "html":
        commentsOf(node.value, line, scan, approvals);
        break;
      case "definition":
        // `[//]: # (text)` and `[comment]: <> (text)`: link definitions used as comments never render.
        if (node.title && (node.url === "#" || node.url === "" || /^(?:\/\/|comment|_)$/i.test(node.label ?? ""))) {
          addComment(node.title, line, scan, approvals);
        }
        break;
    }
    if ("children" in node) {
      const kids = node.children as Nodes[];
      for (let i = kids.length - 1; i >= 0; i--) stack.push({ node: kids[i]!, parent: node as Parents, index: i });
    }
  }
  return scan;
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

/** The text of a node as the agent reads it: text and inline code, line breaks kept. */
function plain(node: Nodes): string {
  let out = "";
  const stack: Nodes[] = [node];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.type === "text" || n.type === "inlineCode") out += n.value;
    else if (n.type === "break") out += "\n";
    if ("children" in n) {
      const kids = n.children as Nodes[];
      for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!);
    }
  }
  return out;
}

function commentsOf(html: string, line: number, scan: MarkdownScan, approvals: (t: string, l: number) => void): void {
  // An unclosed `<!--` hides everything after it: take it to the end.
  const re = /<!--([\s\S]*?)(?:-->|$)/g;
  for (let m = re.exec(html); m; m = re.exec(html)) {
    const before = html.slice(0, m.index).match(/\n/g)?.length ?? 0;
    addComment(m[1]!, line + before, scan, approvals);
    if (m[0].length === 0) re.lastIndex++;
  }
}

function addComment(raw: string, line: number, scan: MarkdownScan, approvals: (t: string, l: number) => void): void {
  const text = normalize(raw, 500);
  if (!text || DIRECTIVE.test(text)) return;
  scan.comments.push({ text, line });
  approvals(raw, line);
  // The agent reads the comment like any other text: commands in it count as commands too.
  raw.split("\n").forEach((l, i) => {
    const spans = [...l.matchAll(/`([^`]+)`/g)].map((m) => inlineCommand(m[1]!)).filter((c): c is string => !!c);
    const cmds = spans.length ? spans : [proseCommand(l)].filter((c): c is string => !!c);
    for (const c of cmds) scan.commands.push({ text: c, line: line + i });
  });
}

function importsOf(text: string, line: number, out: Item[]): void {
  text.split("\n").forEach((l, i) => {
    for (const m of l.matchAll(IMPORT)) {
      const path = m[1]!.replace(/[.,;:!?]+$/, "");
      // A file path has a slash or an extension; README / LICENSE style names are files too.
      if (path.includes("/") || /\.\w+$/.test(path) || /^[A-Z][A-Z_-]{2,}$/.test(path)) out.push({ text: path, line: line + i });
    }
  });
}

/** Without a syntax tree: fences, headings, comments and prose line by line (nothing may slip through). */
function plainScan(body: string, startLine: number, scan: MarkdownScan, approvals: (t: string, l: number) => void, opts: ScanOptions): void {
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
    const heading = /^\s{0,3}#{1,6}\s+(.*?)[\s#]*$/.exec(l);
    if (heading?.[1]) scan.sections.push({ text: normalize(heading[1], 200), line });
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
