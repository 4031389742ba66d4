// `@path` imports in CLAUDE.md / GEMINI.md pull other files into the agent's context. They are
// reviewed as instructions too: this resolves which repository files the imports name.
import type { Capability } from "./model.js";

/** Claude Code follows imports at most this many hops deep. */
export const MAX_IMPORT_DEPTH = 5;

/**
 * Repository paths named by the imports of instruction capabilities, relative to the importing
 * file. Home-directory, absolute and out-of-repository paths are not files of this change.
 */
export function importTargets(capabilities: Capability[]): string[] {
  const out = new Set<string>();
  for (const c of capabilities) {
    if (c.kind !== "instructions") continue;
    const dir = c.path.includes("/") ? c.path.slice(0, c.path.lastIndexOf("/")) : "";
    for (const raw of c.attrs.imports) {
      const target = resolveImport(dir, raw);
      if (target) out.add(target);
    }
  }
  return [...out].sort();
}

/** `base/rel` with `.` and `..` applied (`""` is the root); undefined when it climbs out of the repository. */
export function joinRepoPath(base: string, rel: string): string | undefined {
  const parts = base ? base.split("/") : [];
  for (const seg of rel.split("/")) {
    if (seg === "" || seg === ".") continue;
    if (seg === "..") {
      if (!parts.length) return undefined;
      parts.pop();
    } else parts.push(seg);
  }
  return parts.join("/");
}

export function resolveImport(dir: string, raw: string): string | undefined {
  const spec = raw.trim().replace(/^@/, "");
  if (!spec || spec.startsWith("~") || spec.startsWith("/") || /^[a-z]+:/i.test(spec)) return undefined;
  return joinRepoPath(dir, spec) || undefined;
}
