// The repository the end-to-end tests review: capability files in the shape real repositories keep
// (test/fixtures/e2e/), plus a few plain files; and the escalating change used by several tests.
import { fixture } from "../helpers.js";
import type { FakeGitHub, FakeRepo } from "../fake-github/server.js";
import { OWNER, REPO, type PullRef } from "./helpers.js";

/**
 * The base branch, at the usual paths: MCP servers of three kinds (remote with a bearer reference,
 * pinned uvx, unpinned npx), a Codex config with a schema line, non-ASCII comments and a sandbox
 * table, Claude permissions with a command hook, and a workflow that runs an agent on maintainers'
 * comments with an allow-list of shell commands.
 */
export function baseTree(): Record<string, string> {
  return {
    ".mcp.json": fixture("e2e/mcp.json"),
    ".codex/config.toml": fixture("e2e/codex-config.toml"),
    ".claude/settings.json": fixture("e2e/claude-settings.json"),
    ".github/workflows/agent.yml": fixture("e2e/agent-workflow.yml"),
    "README.md": "# agents\n\nA repository whose coding agents are configured in it.\n",
    "src/app.ts": 'export const greeting = "hello";\n',
  };
}

export { lineOf } from "../helpers.js";

/**
 * The escalating change: an unpinned MCP server added to `.mcp.json`, and Codex's approval policy
 * loosened from `on-request` to `never` in `.codex/config.toml`.
 */
export function escalate(base: Record<string, string>): Record<string, string> {
  const mcp = base[".mcp.json"]!.replace(
    '    "docs-search": {',
    '    "browser": {\n      "command": "npx",\n      "args": ["-y", "@playwright/mcp@latest"]\n    },\n    "docs-search": {',
  );
  const codex = base[".codex/config.toml"]!.replace('approval_policy = "on-request"', 'approval_policy = "never"');
  if (mcp === base[".mcp.json"] || codex === base[".codex/config.toml"]) throw new Error("the e2e fixtures changed: update the scenario");
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
