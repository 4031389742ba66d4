// What a path-limited write rule lets the agent write without asking: `Edit(docs/*.md)`,
// `fs_write(notes/*.txt)`, Gemini `write_file` with `argsPattern = '"file_path":"plans/[\w-]+\.md"'`.
// Medium only when every file it can reach is a document in one named folder that holds no agent or
// tool configuration: no `..`, no `**` (it reaches `.claude/` folders at any depth), no root-level
// pattern (that reaches AGENTS.md, CLAUDE.md, GEMINI.md), no file kind that runs or configures
// something (scripts, JSON, YAML). Everything else is high: a writable hook, settings file or script
// is code the next session runs.
import { code } from "./rules/types.js";
import { type Grant, high, medium } from "./tool-grant-types.js";

/** Text from a file, as a code span (see rules/types.ts). */
const q = code;

/** Extensions of documents: nothing runs or loads them as configuration. */
const DOC_EXT = new Set(["md", "mdx", "markdown", "txt", "rst", "adoc", "csv", "tsv", "log"]);
/** Files an agent reads as its instructions wherever they sit. */
const AGENT_FILES = new Set(["agents.md", "agents.override.md", "claude.md", "claude.local.md", "gemini.md", "agent.md", "skill.md", "copilot-instructions.md"]);
/** Folders (at a plugin's or repository's root) whose Markdown files are agent commands, agents, skills or rules. */
const AGENT_DIRS = new Set(["commands", "agents", "skills", "prompts", "rules", "instructions", "chatmodes", "steering", "output-styles", "hooks", "plugins", "workflows"]);
const GLOB = /[*?[\]{}]/;

/**
 * Gemini CLI's own scratch folder (`.gemini/tmp/<project>/…`: plans, checkpoints, logs): nothing
 * there is settings, policy or instructions a later session loads.
 */
function scratchDocs(dirs: string[], file: string): boolean {
  const at = dirs.findIndex((d, i) => d.toLowerCase() === ".gemini" && dirs[i + 1]?.toLowerCase() === "tmp");
  return at >= 0 && dirs.every((d) => d !== "**") && isDocument(file);
}

function isDocument(file: string): boolean {
  const dot = file.lastIndexOf(".");
  const ext = dot > 0 ? file.slice(dot + 1) : "";
  return DOC_EXT.has(ext.toLowerCase()) && !GLOB.test(ext);
}

/**
 * Segments of a path pattern (`*` standing for a part of one segment), relative to the workspace, or
 * `anywhere`: after a prefix that can be any path (`[^"]+/`), so only the scratch folder is narrow.
 */
function judge(segments: string[], anywhere = false): Grant {
  const segs = segments.filter((s) => s !== "." && s !== "");
  if (segs.includes("..")) return high("`..` leads out of the folder it names");
  const file = segs.at(-1);
  if (file !== undefined && scratchDocs(segs.slice(0, -1), file)) {
    return medium(`writes only documents in Gemini's scratch folder (${q(segs.join("/"))}${anywhere ? ", under any folder" : ""}), which no session loads as settings or instructions`);
  }
  if (anywhere) return high("the pattern lets the path hold `/` and `..`, so it reaches any folder");
  if (segs.includes("**")) return high("writes at any depth, agent folders such as `.claude/` included");
  if (file === undefined) return high("writes any file");
  const dirs = segs.slice(0, -1);
  for (const d of dirs) {
    if (GLOB.test(d)) return high(`writes in any folder (${q(d)})`);
    if (d.startsWith(".") || AGENT_DIRS.has(d.toLowerCase())) return high(`writes agent or tool configuration under ${q(d)}`);
  }
  if (AGENT_FILES.has(file.toLowerCase())) return high(`writes the agent instructions ${q(file)}`);
  if (!isDocument(file)) return high(`writes files that can run or configure tools (${q(file)})`);
  // At the root, a pattern reaches AGENTS.md, CLAUDE.md and GEMINI.md.
  if (!dirs.length && GLOB.test(file)) return high(`writes root files such as ${q("AGENTS.md")} (${q(file)})`);
  return medium(`writes only ${q(segs.join("/"))}`);
}

/** A glob path specifier. `claude`: `//x` is absolute and `/x` is relative to the project (Claude Code's syntax). */
export function globWriteGrant(spec: string, claude: boolean): Grant {
  const p = spec.trim().replace(/\\/g, "/");
  if (p === "" || p === "*" || p === "**" || p === "**/*" || p === "/**") return high("writes any file (settings, hooks and scripts included)");
  if (p.startsWith("//") || p.startsWith("~") || /^[a-z]:\//i.test(p) || (!claude && p.startsWith("/"))) return high(`writes outside the workspace (${q(spec.trim())})`);
  if (p.startsWith("$") || p.includes("${")) return high(`writes where a variable points (${q(spec.trim())})`);
  return judge(p.split("/"));
}

type Token = { kind: "sep" } | { kind: "lit"; c: string } | { kind: "class"; dot: boolean; slash: boolean };

/** `[...]` at `i` (after the `[`): what it admits, and where it ends; undefined when unterminated. */
function readClass(re: string, i: number): { end: number; dot: boolean; slash: boolean; sepOnly: boolean } | undefined {
  const negated = re[i] === "^";
  let j = negated ? i + 1 : i;
  let dot = false;
  let slash = false;
  let other = false;
  for (; j < re.length && re[j] !== "]"; j++) {
    let c = re[j]!;
    if (c === "\\") c = re[++j] ?? "";
    if (c === ".") dot = true;
    else if (c === "/" || c === "\\") slash = true;
    else other = true;
  }
  if (j >= re.length) return undefined;
  return negated ? { end: j, dot: !dot, slash: !slash, sepOnly: false } : { end: j, dot, slash, sepOnly: slash && !dot && !other };
}

/**
 * A regular expression over a path, as tokens up to the `"` that closes the JSON string (`closed`);
 * undefined for anything this reading does not follow (groups, alternation, anchors, other escapes).
 */
function tokens(re: string): { toks: Token[]; closed: boolean } | undefined {
  const toks: Token[] = [];
  for (let i = 0; i < re.length; i++) {
    const c = re[i]!;
    if (c === '"') return { toks, closed: true };
    if ("+*?".includes(c)) continue; // repeats the previous token: a class stays a class, a separator a separator
    if (c === "{") {
      const close = re.indexOf("}", i);
      if (close < 0) return undefined;
      i = close;
      continue;
    }
    if ("()|^$".includes(c)) return undefined;
    if (c === ".") toks.push({ kind: "class", dot: true, slash: true });
    else if (c === "/") toks.push({ kind: "sep" });
    else if (c === "[") {
      const k = readClass(re, i + 1);
      if (!k) return undefined;
      toks.push(k.sepOnly ? { kind: "sep" } : { kind: "class", dot: k.dot, slash: k.slash });
      i = k.end;
    } else if (c === "\\") {
      const e = re[++i];
      if (e === "w" || e === "d") toks.push({ kind: "class", dot: false, slash: false });
      else if (e === "/" || e === "\\") toks.push({ kind: "sep" });
      else if (e !== undefined && /[.\-_]/.test(e)) toks.push({ kind: "lit", c: e });
      else return undefined;
    } else toks.push({ kind: "lit", c });
  }
  return { toks, closed: false };
}

/** Stand-ins for a class in a segment: one that cannot hold a dot, and one that can (then a folder can be `..`). */
const NAME = "\u0001";
const DOTS = "\u0002";

/**
 * Gemini's `argsPattern` for a file tool: a regular expression over the call's arguments as JSON
 * (`{"content":"…","file_path":"…"}`). Only a pattern that pins `"file_path":"` (quotes inside the
 * content are escaped, so the content cannot fake it) and closes the path with `"` limits the path.
 */
export function argsWriteGrant(pattern: string): Grant {
  const re = pattern.replace(/\\x00|\\u0000/g, "").replace(/\\"/g, '"');
  const key = /"(file_path|absolute_path|path)":"/.exec(re);
  if (!key) return high("the pattern does not pin the file's path (it can match the content instead)");
  const read = tokens(re.slice(key.index + key[0].length));
  if (!read) return high("a path pattern this review cannot follow");
  if (!read.closed) return high("the pattern leaves the end of the path open");
  // A leading run that can hold `/` (`[^"]+` then a separator) is any folder: only what follows limits the path.
  const first = read.toks.findIndex((t) => t.kind === "sep");
  const lead = first > 0 ? read.toks.slice(0, first) : [];
  const anywhere = lead.length > 0 && lead.every((t) => t.kind === "class") && lead.some((t) => t.kind === "class" && t.slash);
  const segments: string[] = [""];
  for (const t of anywhere ? read.toks.slice(first + 1) : read.toks) {
    if (t.kind === "sep") segments.push("");
    else if (t.kind === "class" && t.slash) return high("the pattern lets the path hold `/` and `..`, so it reaches any folder");
    else segments[segments.length - 1] += t.kind === "lit" ? t.c : t.dot ? DOTS : NAME;
  }
  if (segments.slice(0, -1).some((s) => s.includes(DOTS))) return high("`..` leads out of the folder it names");
  return judge(segments.map((s) => s.replace(/[\u0001\u0002]+/g, "*")), anywhere);
}
