// Every parser over every real file of ../shared/corpus: no crash, no parse error on a valid file,
// and at least one capability from each file that declares one.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { surfaceById, surfaceFor } from "../../src/core/surfaces/index.js";
import { SURFACES } from "../../src/core/surfaces/index.js";
import { listFiles } from "../helpers.js";
import { CORPUS } from "./files.js";

/** Real files kept at example paths that no agent reads as such: the surface and path they are written for. */
const EXAMPLE_PATHS: Record<string, [surface: string, path: string]> = {
  "anthropics__claude-code/examples/settings/settings-bash-sandbox.json": ["claude-settings", ".claude/settings.json"],
  "anthropics__claude-code/examples/settings/settings-lax.json": ["claude-settings", ".claude/settings.json"],
  "anthropics__claude-code/examples/settings/settings-strict.json": ["claude-settings", ".claude/settings.json"],
  "github__awesome-copilot/instructions/agent-safety.instructions.md": ["instructions", ".github/instructions/agent-safety.instructions.md"],
  "openai__codex-action/examples/test-sandbox-protections.yml": ["workflow", ".github/workflows/test-sandbox-protections.yml"],
  "openai__codex-action/examples/unprivileged-user.yml": ["workflow", ".github/workflows/unprivileged-user.yml"],
};

/** Files of a parsed kind that grant nothing an agent could use (asserted, so the list stays honest). */
const NO_CAPABILITIES = new Set<string>([]);

/**
 * Real files that are not valid for their own agent: the parse error is the right answer. Gemini's
 * example policy writes `"(\.env|...)"`, and `\.` is not a TOML escape (its loader rejects it too).
 */
const INVALID: Record<string, number> = {
  "google-gemini__gemini-cli/packages/cli/src/commands/extensions/examples/policies/policies/policies.toml": 16,
};

const corpus = listFiles(CORPUS).filter((f) => f !== "SOURCES.md");
const parsed = corpus
  .map((file) => {
    const example = EXAMPLE_PATHS[file];
    const repoPath = example ? example[1] : file.split("/").slice(1).join("/");
    const surface = example ? surfaceById(example[0]) : surfaceFor(repoPath);
    return { file, repoPath, surface };
  })
  .filter((x) => x.surface);

describe("corpus", () => {
  it("has the corpus present and every file claimed by a surface", () => {
    expect(corpus.length).toBeGreaterThan(60);
    expect(parsed.map((p) => p.file)).toEqual(corpus);
  });

  it.each(parsed.map((p) => [p.file, p] as const))("%s parses cleanly", (_name, { file, repoPath, surface }) => {
    const text = readFileSync(join(CORPUS, file), "utf8");
    const result = surface!.parse({ path: repoPath, text });
    if (INVALID[file]) {
      expect(result.problems).toEqual([expect.objectContaining({ rule: "file.parse-error", line: INVALID[file] })]);
      return;
    }
    expect(result.problems).toEqual([]);
    if (NO_CAPABILITIES.has(file)) expect(result.capabilities).toEqual([]);
    else expect(result.capabilities.length).toBeGreaterThan(0);
    for (const c of result.capabilities) {
      expect(c.path).toBe(repoPath);
      expect(c.line).toBeGreaterThanOrEqual(1);
      expect(c.line).toBeLessThanOrEqual(text.split("\n").length);
      expect(c.key.startsWith(`${repoPath}#`)).toBe(true);
    }
  });

  it("every surface is exercised by the corpus or has its own fixtures", () => {
    const used = new Set(parsed.map((p) => p.surface!.id));
    const fixtureOnly = SURFACES.map((s) => s.id).filter((id) => !used.has(id));
    // These formats have no real file in the corpus; their tests use hand-written fixtures.
    expect(fixtureOnly.sort()).toEqual(["amazonq-agent", "cline-hook", "codex-environment", "continue-mcp", "cursor-environment", "kiro-hook", "opencode", "opencode-plugin", "roomodes", "vscode-settings", "zed-settings"]);
  });

  it("every parser survives every corpus file, whatever its kind (hostile input)", () => {
    for (const file of corpus) {
      const text = readFileSync(join(CORPUS, file), "utf8");
      for (const s of SURFACES) expect(() => s.parse({ path: file, text })).not.toThrow();
    }
  });
});
