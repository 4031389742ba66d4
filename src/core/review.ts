// The whole pure pipeline: file texts at base and head → parsed capabilities → diff → rules →
// policy → verdict. The CLI and the GitHub App both feed it; neither does any analysis itself.
import { hash } from "node:crypto";
import { analyze } from "./diff.js";
import { fingerprint } from "./fingerprint.js";
import type { Capability, Change, FileProblem, ParseResult, Severity } from "./model.js";
import { SEVERITIES } from "./model.js";
import { decodeText, MAX_FILE_BYTES } from "./parse/text.js";
import { applyPolicy, DEFAULT_POLICY, isBlocking, type PolicedFinding, type Policy } from "./policy.js";
import { policyChange, type PolicyChangeInput } from "./policy-diff.js";
import { FAIL_CLOSED_RULES } from "./rules/registry.js";
import { foldCase, isOverlongPath, MAX_PATH_BYTES } from "./globs.js";
import { scopeMatcher } from "./scope.js";
import { importTargets, MAX_IMPORT_DEPTH } from "./imports.js";
import { ownSurfaceFor, surfaceFor } from "./surfaces/index.js";
import { parseImportedInstructions } from "./surfaces/instructions.js";
import { hookScriptsOf, MAX_HOOK_SCRIPTS, type HookRef } from "./hook-script-files.js";
import { parseHookScript } from "./surfaces/hook-script.js";
import { judgeWorkflows } from "./surfaces/workflow-reach.js";
import { unknownFileGrade } from "./unknown-files.js";

/**
 * A file's content, or why it could not be read (which fails the review closed). `id` names the
 * content that was not read (a git blob id, a digest): the same id at base and head is no change.
 */
export type FileContent = string | Uint8Array | { error: string; id?: string };

export interface FileReport {
  path: string;
  /** The surface that parsed it, or `not-analysed` for in-scope files no parser reads yet. */
  kind: string;
  status: "added" | "removed" | "modified" | "unchanged";
  error?: string;
}

export interface Verdict {
  conclusion: "success" | "failure" | "neutral";
  fingerprint: string;
  files: FileReport[];
  changes: Change[];
  findings: PolicedFinding[];
  /** Findings that need approval under the policy (the reason for `failure`). */
  blocking: PolicedFinding[];
  counts: Record<Severity, number>;
  policy: Policy;
}

export interface ReviewInput {
  base: ReadonlyMap<string, FileContent>;
  head: ReadonlyMap<string, FileContent>;
  policy?: Policy;
  /** New path → old path, so that a renamed file is compared with its old self. */
  renames?: ReadonlyMap<string, string>;
  /** `YYYY-MM-DD`, for policy entries that expire; defaults to today. */
  today?: string;
  /**
   * The PR edits the policy file: its edit is reported (`policy.changed`, see policy-diff.ts) while
   * the PR is judged by `policy`, the base one. `base` defaults to `policy`.
   */
  policyChange?: PolicyChangeInput;
  /**
   * Further paths the head holds whose content was not read (the app's folder listings): a changed
   * file whose spelling collides with one of them is a case collision all the same.
   */
  headPaths?: readonly string[];
}

export interface ParsedFile {
  capabilities: Capability[];
  problems: FileProblem[];
  kind: string;
  /** Why a surface left the file not analysed (see ParseResult). */
  notAnalysed?: string;
}

/** Decode and parse one file with the surface for its path. */
export function parseFile(path: string, content: FileContent): ParsedFile {
  if (isOverlongPath(path)) {
    const message = `a path of ${Buffer.byteLength(path)} bytes, over the ${MAX_PATH_BYTES} a checkout holds, is matched against no surface: the review fails closed`;
    return { kind: "not-analysed", capabilities: [], problems: [{ rule: "file.unreadable", path, line: 1, message }] };
  }
  const surface = surfaceFor(path);
  const kind = surface?.id ?? "not-analysed";
  if (typeof content === "object" && !(content instanceof Uint8Array)) {
    return { kind, capabilities: [], problems: [{ rule: "file.unreadable", path, line: 1, message: content.error }] };
  }
  if (!surface) return { kind, capabilities: [], problems: [] };
  const text = decodeText(path, content);
  if (text.ok) return parsedSafely(kind, path, () => surface.parse({ path, text: text.text }));
  // Bytes that are not text, within the limit: a surface that knows binary files by their content
  // (skill assets) judges them; any other fails closed.
  const bytes = content instanceof Uint8Array && content.byteLength <= MAX_FILE_BYTES ? content : undefined;
  const binary = bytes && surface.parseBytes ? parsedSafely(kind, path, () => surface.parseBytes!({ path, bytes }) ?? { capabilities: [], problems: [text.problem] }) : undefined;
  return binary ?? { kind, capabilities: [], problems: [text.problem] };
}

/**
 * A parser's own exception (a bug: a TypeError, a stack overflow) must not turn into a silent pass,
 * nor pass for a malformed file: it fails closed as a parse error flagged `internal`. Only the
 * error's class is shown; its message may quote the file.
 */
function parsedSafely(kind: string, path: string, parse: () => ParseResult): ParsedFile {
  try {
    const parsed = parse();
    // The surface does not know this content: a person reads it, as any file no surface reads.
    if (parsed.notAnalysed !== undefined) return { kind: "not-analysed", capabilities: [], problems: [], notAnalysed: parsed.notAnalysed };
    return { kind, ...parsed };
  } catch (e) {
    const name = e instanceof Error ? e.name : typeof e;
    const message = `internal error of the ${kind} parser (${name}): the file could not be analysed, so the review fails closed`;
    return { kind, capabilities: [], problems: [{ rule: "file.parse-error", path, line: 1, message, internal: true }] };
  }
}

const same = (a: FileContent | undefined, b: FileContent | undefined): boolean => {
  if (a === undefined || b === undefined || typeof a === "object" || typeof b === "object") {
    if (a instanceof Uint8Array && b instanceof Uint8Array) return a.byteLength === b.byteLength && Buffer.compare(a, b) === 0;
    // Two unread contents are the same file only when both name the same content: an error alone
    // says nothing of what changed (a file grown past the limit still fails).
    return unreadId(a) !== undefined && unreadId(a) === unreadId(b);
  }
  return a === b;
};

const unreadId = (c: FileContent | undefined): string | undefined =>
  c !== undefined && typeof c === "object" && !(c instanceof Uint8Array) && typeof c.id === "string" && c.id !== "" ? c.id : undefined;

export function review(input: ReviewInput): Verdict {
  const policy = input.policy ?? DEFAULT_POLICY;
  const inScope = scopeMatcher(policy.paths);
  const renames = pairedRenames(input.renames, inScope);
  const oldPathOf = (p: string) => renames.get(p) ?? p;
  const renamedAway = new Set(renames.values());
  const paths = new Set<string>();
  for (const p of input.head.keys()) if (inScope(p)) paths.add(p);
  for (const p of input.base.keys()) if (inScope(p) && !renamedAway.has(p)) paths.add(p);

  const files: FileReport[] = [];
  const base: Capability[] = [];
  const head: Capability[] = [];
  const problems: FileProblem[] = [];
  const unanalysed: PolicedFinding[] = [];
  const visit = (path: string, parse: Parser, sides?: ScriptSides) => {
    const before = sides ? sides.before : input.base.get(oldPathOf(path));
    const after = sides ? sides.after : input.head.get(path);
    if ((before === undefined && after === undefined) || same(before, after)) return;
    const status = sides?.status ?? (before === undefined ? "added" : after === undefined ? "removed" : "modified");
    // The base is parsed under the head's path so a renamed file keeps its keys.
    const b = before === undefined ? undefined : (sides?.parseBase ?? parse)(path, before);
    const h = after === undefined ? undefined : parse(path, after);
    base.push(...(b?.capabilities ?? []));
    head.push(...(h?.capabilities ?? []));
    problems.push(...(h?.problems ?? []));
    const error = h?.problems[0]?.message ?? (b?.problems[0] ? `at base: ${b.problems[0].message}` : undefined);
    files.push({ path, kind: (h ?? b)!.kind, status, ...(error ? { error } : {}) });
    // A head that cannot be read already fails closed (file.unreadable).
    if ((h ?? b)!.kind === "not-analysed" && !h?.problems.length) unanalysed.push(notAnalysed(path, status, after, (h ?? b)!.notAnalysed));
  };
  // Files pulled in by `@path` imports are instructions too, even where no pattern names them.
  // The import scan's parses are kept: the diff needs the same files parsed the same way.
  const parsers = { file: memoized(parseFile), imported: memoized(parseImported) };
  const imported = new Set(importedFiles([input.base, input.head], inScope, parsers).filter(readAsImport));
  // Files the hooks run are part of them, wherever they are: reviewed at the sides where a hook runs them.
  const scripts = hookScripts(input, inScope, parsers.file, imported);
  for (const path of [...new Set([...paths, ...imported])].sort()) if (!scripts.sides.has(path)) visit(path, imported.has(path) ? parsers.imported : parsers.file);
  for (const [path, sides] of scripts.sides) visit(path, sides.parseHead, sides);
  problems.push(...scripts.problems);
  // Whether each workflow runs an agent, over both sides and what it calls (policy `workflows`).
  const judged = judgeWorkflows({ base, head }, (side, p) => {
    const content = input[side].get(p);
    return content === undefined ? undefined : parsers.file(p, content);
  }, policy.workflows);
  const { changes, findings } = analyze(judged.base, judged.head);
  const fileFindings = problems.map((p) => ({ rule: p.rule, severity: "high" as Severity, direction: "escalation" as const, path: p.path, line: p.line, message: `${p.path}:${p.line}: ${p.message}` }));
  const pc = input.policyChange;
  const policyFindings = pc ? policyChange(pc.base ?? input.policy, pc.head, pc.path, pc.headText) : [];
  const headPaths = new Set([...input.head.keys(), ...(input.headPaths ?? [])]);
  const collisions = caseCollisions([...headPaths].filter((p) => inScope(p) || scripts.head.has(p)), new Set(files.map((f) => f.path)));
  return verdictOf(changes, [...fileFindings, ...unanalysed, ...collisions, ...findings, ...policyFindings], files, policy, input.today);
}

/**
 * An in-scope file no surface reads: its content is unknown, so a person must read it. The key
 * carries the content's digest, and the fingerprint the key, so an approval holds for this text only.
 */
function notAnalysed(path: string, status: FileReport["status"], after: FileContent | undefined, why = "no parser reads its kind"): PolicedFinding {
  const digest = after === undefined ? "removed" : `sha256:${hash("sha256", typeof after === "string" ? after : (after as Uint8Array), "hex")}`;
  const grade = unknownFileGrade(path, status);
  const ask = grade.why ? `; ${grade.why}: glance at it` : ", so what it lets the agent do was not analysed: review it by hand";
  const message = `${path}:1: this agent file was ${status}, but ${why}${ask} (an approval covers this exact content)`;
  return { rule: "file.not-analysed", severity: grade.severity, direction: "escalation", path, line: 1, key: `${path}#not-analysed@${digest}`, message };
}

/**
 * In-scope head paths equal once case is folded, where the PR changes one of them: a case-insensitive
 * checkout holds only one, and which one is up to the checkout, so neither can vouch for what the
 * agent reads. Paths the PR leaves alone are not its doing.
 */
function caseCollisions(paths: string[], changed: ReadonlySet<string>): PolicedFinding[] {
  const groups = new Map<string, string[]>();
  for (const p of paths) {
    const key = foldCase(p);
    const group = groups.get(key);
    if (group) group.push(p);
    else groups.set(key, [p]);
  }
  const out: PolicedFinding[] = [];
  for (const group of groups.values()) {
    if (group.length < 2 || !group.some((p) => changed.has(p))) continue;
    const all = group.sort().map((p) => JSON.stringify(p)).join(", ");
    for (const path of group) {
      const message = `${path}:1: ${all} differ only by case; a case-insensitive checkout (macOS, Windows) holds only one of them, so the review fails closed: keep one spelling`;
      out.push({ rule: "file.case-collision", severity: "high", direction: "escalation", path, line: 1, message });
    }
  }
  return out;
}

/**
 * The renames compared with their old selves: only those whose two paths are both in scope and read
 * by the same surface. Any other rename (into the scope from anywhere, across surfaces) would let
 * the old path's text vouch for the new one: its new path is an added file, its old one a removed one.
 */
export function pairedRenames(renames: ReadonlyMap<string, string> | undefined, inScope: (path: string) => boolean): Map<string, string> {
  const out = new Map<string, string>();
  for (const [to, from] of renames ?? []) {
    // Two paths no parser reads are not "the same surface": nothing vouches that the move means nothing.
    const sameSurface = surfaceFor(to) !== undefined && surfaceFor(to)?.id === surfaceFor(from)?.id;
    if (to !== from && inScope(to) && inScope(from) && sameSurface && agentFolder(to) === agentFolder(from)) out.set(to, from);
  }
  return out;
}

/**
 * The agent folder a path sits in (`.cursor`, `.claude`, `.github`...; "" outside any): one surface
 * serves several agents by folder (`.mcp.json` is Claude Code's, `.cursor/mcp.json` Cursor's), so a
 * move between them hands the file to another agent, and is reviewed as new there.
 */
function agentFolder(path: string): string {
  const folders = path.split("/").slice(0, -1);
  return folders.find((f) => f.startsWith("."))?.toLowerCase() ?? "";
}

type Parser = (path: string, content: FileContent) => ParsedFile;

/** `parse` remembering its results for one review (by path, then content). */
function memoized(parse: Parser): Parser {
  const seen = new Map<string, Map<FileContent, ParsedFile>>();
  return (path, content) => {
    let byContent = seen.get(path);
    if (!byContent) seen.set(path, (byContent = new Map()));
    let parsed = byContent.get(content);
    if (!parsed) byContent.set(content, (parsed = parse(path, content)));
    return parsed;
  };
}

function parseImported(path: string, content: FileContent): ParsedFile {
  if (typeof content === "object" && !(content instanceof Uint8Array)) {
    return { kind: "instructions", capabilities: [], problems: [{ rule: "file.unreadable", path, line: 1, message: content.error }] };
  }
  const text = decodeText(path, content);
  if (!text.ok) return { kind: "instructions", capabilities: [], problems: [text.problem] };
  return parsedSafely("instructions", path, () => parseImportedInstructions({ path, text: text.text }));
}

/** How a hook script is read at each side: only where a hook runs it (see hookScripts). */
interface ScriptSides {
  before: FileContent | undefined;
  after: FileContent | undefined;
  status: FileReport["status"];
  parseBase: Parser;
  parseHead: Parser;
}

/**
 * The files the hooks of each side run (hook-script-files.ts), each read at the sides where a hook
 * runs it, as a `hook_script`: a new hook's script is new to the review even when the file is not.
 * A script referenced at the base only is left to the ordinary visit when the scope names it (an
 * agent file no hook runs any more is still an agent file). Past MAX_HOOK_SCRIPTS the rest are not
 * read, and the review fails closed saying so.
 */
function hookScripts(input: ReviewInput, inScope: (path: string) => boolean, parse: Parser, imported: ReadonlySet<string>) {
  const base = hookScriptsOf(input.base, inScope, parse);
  const head = hookScriptsOf(input.head, inScope, parse);
  const all = [...new Set([...head.keys(), ...[...base.keys()].filter((p) => !inScope(p))])].filter((p) => !imported.has(p)).sort();
  const problems: FileProblem[] = [];
  if (all.length > MAX_HOOK_SCRIPTS) {
    const path = all[MAX_HOOK_SCRIPTS]!;
    problems.push({ rule: "file.unreadable", path, line: 1, message: `the hooks run ${all.length} script files, over the ${MAX_HOOK_SCRIPTS} one review reads; this one and ${all.length - MAX_HOOK_SCRIPTS - 1} more were not reviewed, so the review fails closed` });
  }
  const sides = new Map<string, ScriptSides>();
  for (const path of all.slice(0, MAX_HOOK_SCRIPTS)) {
    const [b, h] = [base.get(path), head.get(path)];
    const [rawBefore, rawAfter] = [input.base.get(path), input.head.get(path)];
    const status = rawBefore === undefined ? "added" : rawAfter === undefined ? "removed" : same(rawBefore, rawAfter) ? "unchanged" : "modified";
    sides.set(path, { before: b ? rawBefore : undefined, after: h ? rawAfter : undefined, status, parseBase: scriptParser(b ?? []), parseHead: scriptParser(h ?? []) });
  }
  return { sides, head, problems };
}

const scriptParser = (refs: HookRef[]): Parser => (path, content) => {
  const runBy = refs.map((r) => `${r.file} (${r.event})`);
  if (typeof content === "object" && !(content instanceof Uint8Array)) {
    return { kind: "hook-script", capabilities: [], problems: [{ rule: "file.unreadable", path, line: 1, message: content.error }] };
  }
  const text = decodeText(path, content);
  if (!text.ok) return { kind: "hook-script", capabilities: [], problems: [text.problem] };
  return parsedSafely("hook-script", path, () => parseHookScript(path, text.text, runBy));
};

/**
 * Paths imported (directly or through other imports, up to Claude's depth) by the instruction
 * files of the given trees, changed or not: an edited import target changes what the agent reads.
 */
const IMPORTERS = /(?:^|\/)(?:CLAUDE(?:\.local)?|GEMINI)\.md$/i;
/**
 * An imported file no surface reads, or only as generic agent text (`.claude/notes.md`), is read as
 * an import: memory the agent loads, whose own imports are followed.
 */
const readAsImport = (path: string): boolean => !ownSurfaceFor(path);
const mayImport = (content: FileContent): boolean =>
  typeof content === "string" ? content.includes("@") : content instanceof Uint8Array ? content.includes(0x40) : false;

export function importedFiles(
  trees: ReadonlyMap<string, FileContent>[],
  inScope: (path: string) => boolean,
  parsers: { file: Parser; imported: Parser } = { file: parseFile, imported: parseImported },
): string[] {
  const found = new Set<string>();
  let frontier: Capability[] = [];
  for (const tree of trees) {
    for (const [path, content] of tree) {
      // Only CLAUDE.md / GEMINI.md import; a file without an `@` imports nothing (spares a Markdown parse).
      if (inScope(path) && IMPORTERS.test(path) && mayImport(content)) frontier.push(...parsers.file(path, content).capabilities);
    }
  }
  for (let depth = 0; depth < MAX_IMPORT_DEPTH && frontier.length; depth++) {
    const next: Capability[] = [];
    for (const target of importTargets(frontier)) {
      if (found.has(target)) continue;
      found.add(target);
      for (const tree of trees) {
        const content = tree.get(target);
        // Files with a surface of their own were parsed as what they are; the rest as imported text.
        if (content !== undefined && readAsImport(target)) next.push(...parsers.imported(target, content).capabilities);
      }
    }
    frontier = next;
  }
  return [...found].sort();
}

export function verdictOf(changes: Change[], raw: PolicedFinding[], files: FileReport[], policy: Policy, today?: string): Verdict {
  const findings = applyPolicy(raw, changes, policy, today ?? new Date().toISOString().slice(0, 10)).sort(
    (a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.line - b.line),
  );
  const blocking = findings.filter((f) => isBlocking(f, policy));
  const counts = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  for (const f of findings) counts[f.severity]++;
  // Warn mode never fails, except on what fails closed: file problems and denials.
  const warnOnly = policy.mode === "warn" && !blocking.some((f) => FAIL_CLOSED_RULES.has(f.rule));
  const conclusion = blocking.length === 0 ? "success" : warnOnly ? "neutral" : "failure";
  // A loosening of the policy is part of what an approval approves: it enters the fingerprint.
  // So does every change a blocking finding is about, escalating or not (`fail_on: low`, instructions.changed).
  const approved = (f: PolicedFinding) => f.direction === "escalation" || blocking.includes(f);
  const loosened = findings.filter((f) => f.rule === "policy.changed" && approved(f)).map((f) => f.message);
  const blockingKeys = new Set(blocking.flatMap((f) => (f.key !== undefined ? [f.key] : [])));
  // A file no parser reads is approved as the text it is: its digest enters the fingerprint.
  for (const f of findings) if (f.rule === "file.not-analysed") loosened.push(f.key!);
  return { conclusion, fingerprint: fingerprint(changes, loosened, blockingKeys), files, changes, findings, blocking, counts, policy };
}

export interface Inventory {
  files: FileReport[];
  capabilities: Capability[];
  problems: FileProblem[];
}

/** Every capability present in a tree (the `scan` command). */
export function inventory(tree: ReadonlyMap<string, FileContent>, policy: Policy = DEFAULT_POLICY): Inventory {
  const inScope = scopeMatcher(policy.paths);
  const out: Inventory = { files: [], capabilities: [], problems: [] };
  for (const path of [...tree.keys()].filter(inScope).sort()) {
    const parsed = parseFile(path, tree.get(path)!);
    out.capabilities.push(...parsed.capabilities);
    out.problems.push(...parsed.problems);
    out.files.push({ path, kind: parsed.kind, status: "unchanged", ...(parsed.problems[0] ? { error: parsed.problems[0].message } : {}) });
  }
  return out;
}
