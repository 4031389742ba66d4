// Which files of a tree its hooks run: the hooks of every hook-bearing file (changed or not), their
// commands resolved (hook-scripts.ts) to the files the tree holds. A script the pull request does not
// list as changed, or that no scope pattern names, is still run by the hook: review.ts reads these
// at base and head, the CLI and the app fetch them (at most MAX_HOOK_SCRIPTS per review).
import { foldCase } from "./globs.js";
import type { FileContent, ParsedFile } from "./review.js";
import { runContextOf, scriptsOfCommand } from "./hook-scripts.js";
import { ownSurfaceFor, surfaceFor } from "./surfaces/index.js";

/** Script files one review reads for its hooks; past it the review fails closed, saying so. */
export const MAX_HOOK_SCRIPTS = 200;

/** Surfaces whose files declare hooks that run commands (Cline and OpenCode hooks are scripts themselves). */
const HOOK_SURFACES = new Set(["hooks-json", "claude-settings", "claude-plugin", "codex-plugin", "marketplace", "gemini-settings", "kiro-hook", "codex-environment", "cursor-environment", "amazonq-agent"]);

/** Whether a file of this path may declare hooks that run commands (what to read to find their scripts). */
export const declaresHooks = (path: string): boolean => HOOK_SURFACES.has(surfaceFor(path)?.id ?? "");

/** A hook that runs a script: where it is declared and on what event. */
export interface HookRef {
  file: string;
  event: string;
  line: number;
}

type Parser = (path: string, content: FileContent) => ParsedFile;
type Tree = ReadonlyMap<string, FileContent>;

/** The hooks declared in a tree's hook files, each with the scripts its command names (candidates). */
function hookCommands(tree: Tree, inScope: (path: string) => boolean, parse: Parser, hasFile: (path: string) => boolean): { ref: HookRef; paths: string[] }[] {
  const out: { ref: HookRef; paths: string[] }[] = [];
  for (const [path, content] of tree) {
    if (!inScope(path) || !declaresHooks(path)) continue;
    for (const c of parse(path, content).capabilities) {
      if (c.kind !== "hook" || c.attrs.type !== "command" || !c.attrs.command) continue;
      const ctx = runContextOf({ path, client: c.attrs.client, ...(c.attrs.cwd !== undefined ? { cwd: c.attrs.cwd } : {}) }, hasFile);
      out.push({ ref: { file: path, event: c.attrs.event, line: c.line }, paths: scriptsOfCommand(c.attrs.command, ctx).paths });
    }
  }
  return out;
}

/**
 * Every path the hooks of the trees may run (whether the trees hold it or not), sorted: what the CLI
 * and the app fetch. `hasFile` says which files exist (plugin manifests locate plugin roots).
 */
export function hookScriptCandidates(trees: readonly Tree[], inScope: (path: string) => boolean, parse: Parser, hasFile?: (path: string) => boolean): string[] {
  const out = new Set<string>();
  for (const tree of trees) {
    for (const h of hookCommands(tree, inScope, parse, hasFile ?? ((p) => tree.has(p)))) for (const p of h.paths) if (!ownSurfaceFor(p)) out.add(p);
  }
  return [...out].sort();
}

/**
 * The script files a tree holds that its hooks run, each with the hooks that run it. A path is
 * looked up as written and without case (a case-insensitive checkout opens `Setup.sh` for
 * `setup.sh`: both are candidates). Files a surface of their own reads (skill files, Cline hooks)
 * are reviewed as what they are, not here.
 */
export function hookScriptsOf(tree: Tree, inScope: (path: string) => boolean, parse: Parser): Map<string, HookRef[]> {
  let folded: Map<string, string[]> | undefined;
  const twins = (p: string): string[] => {
    if (!folded) {
      folded = new Map();
      for (const k of tree.keys()) {
        const f = foldCase(k);
        const list = folded.get(f);
        if (list) list.push(k);
        else folded.set(f, [k]);
      }
    }
    return folded.get(foldCase(p)) ?? [];
  };
  const out = new Map<string, HookRef[]>();
  for (const h of hookCommands(tree, inScope, parse, (p) => tree.has(p))) {
    for (const candidate of h.paths) {
      for (const p of twins(candidate)) {
        // Text only the generic agent-text reading takes is a script when a hook runs it.
        if (ownSurfaceFor(p)) continue;
        const refs = out.get(p);
        if (refs) refs.push(h.ref);
        else out.set(p, [h.ref]);
      }
    }
  }
  return out;
}
