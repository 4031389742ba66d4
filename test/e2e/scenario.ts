// The repository the end-to-end tests review: real capability files read in place from the shared
// corpus, plus a few hand-written files; and the escalating change used by several tests.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { CORPUS } from "../helpers.js";
import type { FakeGitHub, FakeRepo } from "../fake-github/server.js";
import { OWNER, REPO, type PullRef } from "./helpers.js";

const corpus = (rel: string) => readFileSync(join(CORPUS, rel), "utf8");

/** The base branch: real files at their usual paths. */
export function baseTree(): Record<string, string> {
  return {
    ".mcp.json": corpus("0xGosu__test-agentic-coding-demo-v0/.mcp.json"),
    ".codex/config.toml": corpus("1Panel-dev__CordysCRM/.codex/config.toml"),
    ".claude/settings.json": corpus("anthropics__claude-code-action/.claude/settings.json"),
    ".github/workflows/claude.yml": corpus("anthropics__claude-code-action/.github/workflows/claude.yml"),
    "README.md": "# agents\n\nA repository whose coding agents are configured in it.\n",
    "src/app.ts": 'export const greeting = "hello";\n',
  };
}

export { lineOf } from "../helpers.js";

/**
 * The escalating change: an unpinned MCP server added to the real `.mcp.json`, and Codex's approval
 * policy loosened from `on-request` to `never` in the real `.codex/config.toml`.
 */
export function escalate(base: Record<string, string>): Record<string, string> {
  const mcp = base[".mcp.json"]!.replace(
    '    "context7": {',
    '    "browser": {\n      "command": "npx",\n      "args": ["-y", "@playwright/mcp@latest"]\n    },\n    "context7": {',
  );
  const codex = base[".codex/config.toml"]!.replace('approval_policy = "on-request"', 'approval_policy = "never"');
  if (mcp === base[".mcp.json"] || codex === base[".codex/config.toml"]) throw new Error("corpus files changed: update the scenario");
  return { ".mcp.json": mcp, ".codex/config.toml": codex };
}

export interface Seeded {
  repo: FakeRepo;
  base: string;
  tree: Record<string, string>;
}

/** A fresh `OWNER/REPO` with the base tree on `main` (and, optionally, a base policy). */
export function seed(fake: FakeGitHub, extra: Record<string, string> = {}): Seeded {
  fake.reset();
  const repo = fake.addRepo(OWNER, REPO);
  const tree = { ...baseTree(), ...extra };
  const base = repo.commit(tree, { branch: "main" });
  return { repo, base, tree };
}

/** Commit `changes` on top of the base and open (or move) pull request `number` to it. */
export function push(s: Seeded, number: number, changes: Record<string, string | null>, parent = s.base): PullRef {
  const headSha = s.repo.commit(changes, { parent });
  s.repo.openPull({ number, baseSha: s.base, headSha });
  return { number, baseSha: s.base, headSha };
}
