// The whole pure pipeline: file texts at base and head → parsed capabilities → diff → rules →
// policy → verdict. The CLI and the GitHub App both feed it; neither does any analysis itself.
import { analyze } from "./diff.js";
import { fingerprint } from "./fingerprint.js";
import type { Capability, Change, FileProblem, Severity } from "./model.js";
import { SEVERITIES } from "./model.js";
import { decodeText } from "./parse/text.js";
import { applyPolicy, DEFAULT_POLICY, isBlocking, type PolicedFinding, type Policy } from "./policy.js";
import { scopeMatcher } from "./scope.js";
import { surfaceFor } from "./surfaces/index.js";

/** A file's content, or why it could not be fetched (which fails the review closed). */
export type FileContent = string | Uint8Array | { error: string };

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
}

export interface ParsedFile {
  capabilities: Capability[];
  problems: FileProblem[];
  kind: string;
}

/** Decode and parse one file with the surface for its path. */
export function parseFile(path: string, content: FileContent): ParsedFile {
  const surface = surfaceFor(path);
  const kind = surface?.id ?? "not-analysed";
  if (typeof content === "object" && !(content instanceof Uint8Array)) {
    return { kind, capabilities: [], problems: [{ rule: "file.unreadable", path, line: 1, message: content.error }] };
  }
  if (!surface) return { kind, capabilities: [], problems: [] };
  const text = decodeText(path, content);
  if (!text.ok) return { kind, capabilities: [], problems: [text.problem] };
  try {
    return { kind, ...surface.parse({ path, text: text.text }) };
  } catch (e) {
    // A parser bug must not turn into a silent pass.
    return { kind, capabilities: [], problems: [{ rule: "file.parse-error", path, line: 1, message: `parser failed: ${(e as Error).message}` }] };
  }
}

const same = (a: FileContent | undefined, b: FileContent | undefined): boolean => {
  if (a === undefined || b === undefined || typeof a === "object" || typeof b === "object") {
    if (a instanceof Uint8Array && b instanceof Uint8Array) return Buffer.from(a).equals(Buffer.from(b));
    return false;
  }
  return a === b;
};

export function review(input: ReviewInput): Verdict {
  const policy = input.policy ?? DEFAULT_POLICY;
  const inScope = scopeMatcher(policy.paths);
  const oldPathOf = (p: string) => input.renames?.get(p) ?? p;
  const renamedAway = new Set(input.renames?.values() ?? []);
  const paths = new Set<string>();
  for (const p of input.head.keys()) if (inScope(p) || inScope(oldPathOf(p))) paths.add(p);
  for (const p of input.base.keys()) if (inScope(p) && !renamedAway.has(p)) paths.add(p);

  const files: FileReport[] = [];
  const base: Capability[] = [];
  const head: Capability[] = [];
  const problems: FileProblem[] = [];
  for (const path of [...paths].sort()) {
    const before = input.base.get(oldPathOf(path));
    const after = input.head.get(path);
    if (same(before, after)) continue;
    const status = before === undefined ? "added" : after === undefined ? "removed" : "modified";
    // The base is parsed under the head's path so a renamed file keeps its keys.
    const b = before === undefined ? undefined : parseFile(path, before);
    const h = after === undefined ? undefined : parseFile(path, after);
    base.push(...(b?.capabilities ?? []));
    head.push(...(h?.capabilities ?? []));
    problems.push(...(h?.problems ?? []));
    const error = h?.problems[0]?.message ?? (b?.problems[0] ? `at base: ${b.problems[0].message}` : undefined);
    files.push({ path, kind: (h ?? b)!.kind, status, ...(error ? { error } : {}) });
  }
  const { changes, findings } = analyze(base, head);
  const fileFindings = problems.map((p) => ({ rule: p.rule, severity: "high" as Severity, direction: "escalation" as const, path: p.path, line: p.line, message: `${p.path}:${p.line}: ${p.message}` }));
  return verdictOf(changes, [...fileFindings, ...findings], files, policy, input.today);
}

export function verdictOf(changes: Change[], raw: PolicedFinding[], files: FileReport[], policy: Policy, today?: string): Verdict {
  const findings = applyPolicy(raw, changes, policy, today ?? new Date().toISOString().slice(0, 10)).sort(
    (a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.line - b.line),
  );
  const blocking = findings.filter((f) => isBlocking(f, policy));
  const counts = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  for (const f of findings) counts[f.severity]++;
  const conclusion = blocking.length === 0 ? "success" : policy.mode === "warn" ? "neutral" : "failure";
  return { conclusion, fingerprint: fingerprint(changes), files, changes, findings, blocking, counts, policy };
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
