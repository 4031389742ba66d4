// Which paths are agent capability files: the design's defaults, every surface's own patterns, and
// the policy's `paths.include` / `paths.exclude`.
import { foldCase, globMatcher, isOverlongPath } from "./globs.js";
import { SURFACES } from "./surfaces/index.js";

/** Files that configure agents even where no parser reads them yet (they are listed, not skipped). */
export const DEFAULT_SCOPE: readonly string[] = [
  "**/AGENTS.md",
  "**/AGENTS.override.md",
  "**/CLAUDE.md",
  "**/CLAUDE.local.md",
  "**/GEMINI.md",
  ".github/copilot-instructions.md",
  ".github/instructions/**",
  ".github/prompts/**",
  ".github/agents/**",
  ".github/chatmodes/**",
  ".github/hooks/**",
  ".github/workflows/*.{yml,yaml}",
  "**/.cursorrules",
  "**/.cursor/**",
  "**/.clinerules",
  "**/.clinerules/**",
  "**/.windsurfrules",
  "**/.windsurf/**",
  "**/.codex/**",
  "**/.claude/**",
  "**/.gemini/**",
  "**/.kiro/**",
  "**/.amazonq/**",
  "**/.continue/**",
  "**/.zed/settings.json",
  "**/.vscode/mcp.json",
  "**/.mcp.json",
  "**/.goosehints",
  "**/SKILL.md",
  "**/.agents/**",
  "**/.codex-plugin/**",
  "**/.claude-plugin/**",
  "**/.opencode/**",
  "**/.roo/**",
  "**/.roomodes",
  "**/.roorules*",
  "**/.kilocode/**",
  "**/.kilocodemodes",
  "**/.kilocoderules*",
  "**/.rules",
  "**/AGENT.md",
];

export interface ScopeOptions {
  include?: readonly string[];
  exclude?: readonly string[];
}

/**
 * Includes match without case: on a case-insensitive checkout an agent opening `.mcp.json` reads
 * `.MCP.json`. Excludes match as written: on a case-sensitive one `Examples/` is not `examples/`,
 * and excluding more than the policy wrote would let a file dodge the review.
 */
export function scopeMatcher(options: ScopeOptions = {}): (path: string) => boolean {
  const globs = globMatcher([...DEFAULT_SCOPE, ...SURFACES.flatMap((s) => s.patterns), ...(options.include ?? [])], { nocase: true });
  // A path no checkout holds is matched against nothing: in scope, never excluded (see MAX_PATH_BYTES).
  const include = (path: string) => isOverlongPath(path) || globs(foldCase(path));
  const excludes = options.exclude?.length ? globMatcher(options.exclude) : () => false;
  const exclude = (path: string) => !isOverlongPath(path) && excludes(path);
  const seen = new Map<string, boolean>();
  return (path: string) => {
    let yes = seen.get(path);
    if (yes === undefined) seen.set(path, (yes = include(path) && !exclude(path)));
    return yes;
  };
}
