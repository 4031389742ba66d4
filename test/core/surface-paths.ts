// Concrete paths a surface reads, made from its own globs (no table to keep): `**/` dropped, `*`
// and `**` → `x`, each brace item taken once. Only paths the registry routes to that surface.
import type { Surface } from "../../src/core/surfaces/types.js";

function expandBraces(glob: string): string[] {
  const m = /\{([^{}]*)\}/.exec(glob);
  if (!m) return [glob];
  return m[1]!.split(",").flatMap((item) => expandBraces(glob.slice(0, m.index) + item + glob.slice(m.index + m[0].length)));
}

export function concretePaths(surface: Surface, surfaceFor: (path: string) => Surface | undefined): string[] {
  const paths = surface.patterns.flatMap(expandBraces).map((g) =>
    g
      .replace(/^\*\*\//, "")
      .replace(/!\([^)]*\)/g, "x")
      .replace(/\*\*/g, "x")
      .replace(/[*?]/g, "x"),
  );
  return [...new Set(paths)].filter((p) => surfaceFor(p)?.id === surface.id);
}
