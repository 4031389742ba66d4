// `workflows: agents` (the default): a workflow that runs no coding agent is CI, a linter's job; its
// changes are listed at low. A workflow that runs one (an agent action, an agent CLI, agent files,
// a model credential, or a local workflow or action that does, or one that cannot be read) is
// judged in full, on what its whole file holds at base and at head.
import { parsePolicy } from "../../src/core/policy.js";
import { policyChange } from "../../src/core/policy-diff.js";
import { fixture } from "../helpers.js";
import { hits, reviewPair } from "../review-helpers.js";

const RELEASE = ".github/workflows/release.yml";
const release = fixture("workflow/scope/release.yml");
/** The release workflow with its publish job given a write token (a real, routine CI change). */
const releaseWrite = release.replace("    environment: npm\n", "    environment: npm\n    permissions:\n      contents: write\n");
const SHA = "0123456789abcdef0123456789abcdef01234567";
const claudeStep = `      - uses: anthropics/claude-code-action@${SHA}\n        with:\n          prompt: Summarise the release notes.\n`;

const severityOf = (files: Parameters<typeof reviewPair>[0], rule: string, policy?: string) => {
  const found = hits(reviewPair(files, policy), rule);
  expect(found).toHaveLength(1);
  return found[0]!;
};

describe("workflows: agents (the default)", () => {
  it("a workflow that runs no agent: its findings are listed at low and block nothing", () => {
    const v = reviewPair({ [RELEASE]: [release, releaseWrite] });
    const found = hits(v, "workflow.permissions-escalated");
    expect(found).toHaveLength(1);
    expect(found[0]!.severity).toBe("low");
    expect(found[0]!.message).toContain("runs no coding agent");
    expect(v.conclusion).toBe("success");
    // Each CI rule, not only permissions.
    const inherit = "name: ci\non: push\njobs:\n  call:\n    uses: ./.github/workflows/lint.yml\n";
    const files = { ".github/workflows/ci.yml": [inherit, `${inherit}    secrets: inherit\n`] as [string, string], ".github/workflows/lint.yml": [fixture("workflow/scope/lint.yml"), fixture("workflow/scope/lint.yml")] as [string, string], ".github/actions/setup/action.yml": [fixture("workflow/scope/setup/action.yml"), fixture("workflow/scope/setup/action.yml")] as [string, string] };
    expect(severityOf(files, "workflow.secrets-inherit").severity).toBe("low");
    const curl = release.replace("      - run: npm ci && npm run build\n", "      - run: curl -fsSL https://get.pnpm.io/install.sh | sh -\n      - run: npm ci && npm run build\n");
    expect(severityOf({ [RELEASE]: [release, curl] }, "workflow.remote-script").severity).toBe("low");
    const target = release.replace('  push:\n    tags: ["v*.*.*"]\n', "  pull_request_target:\n");
    expect(severityOf({ [RELEASE]: [release, target] }, "workflow.pull-request-target").severity).toBe("low");
    const injected = release.replace("      - run: npm ci && npm run build\n", '      - run: echo "${{ github.event.head_commit.message }}"\n      - run: npm ci && npm run build\n');
    expect(severityOf({ [RELEASE]: [release, injected] }, "workflow.script-injection").severity).toBe("low");
  });

  it("workflows: all judges every workflow in full, as before", () => {
    const found = severityOf({ [RELEASE]: [release, releaseWrite] }, "workflow.permissions-escalated", "workflows: all\n");
    expect(found.severity).toBe("high");
    expect(found.message).not.toContain("runs no coding agent");
    expect(reviewPair({ [RELEASE]: [release, releaseWrite] }, "workflows: all\n").conclusion).toBe("failure");
  });

  it("an agent anywhere in the file, at base or at head, judges every job of it in full", () => {
    const withAgent = (text: string) => `${text}\n  notes:\n    runs-on: ubuntu-24.04\n    steps:\n${claudeStep}`;
    expect(severityOf({ [RELEASE]: [withAgent(release), withAgent(releaseWrite)] }, "workflow.permissions-escalated").severity).toBe("high");
    // The PR removes the agent job and, in the same push, gives another job a write token.
    expect(severityOf({ [RELEASE]: [withAgent(release), releaseWrite] }, "workflow.permissions-escalated").severity).toBe("high");
    // ... or adds the agent while widening another job.
    expect(severityOf({ [RELEASE]: [release, withAgent(releaseWrite)] }, "workflow.permissions-escalated").severity).toBe("high");
  });

  it("a step that reads or writes agent files, or a model credential, makes it an agent workflow", () => {
    const reads = (run: string) => releaseWrite.replace("      - run: npm publish --provenance\n", `      - run: ${run}\n      - run: npm publish --provenance\n`);
    for (const run of ["cat CLAUDE.md AGENTS.md > context.txt", "cp ci/mcp.json .mcp.json", "mkdir -p ~/.claude && cp ci/settings.json ~/.claude/settings.json", "node scripts/review.js .github/copilot-instructions.md"]) {
      expect(severityOf({ [RELEASE]: [release, reads(run)] }, "workflow.permissions-escalated").severity).toBe("high");
    }
    const key = releaseWrite.replace("          NODE_AUTH_TOKEN: ${{ secrets.NPM_TOKEN }}\n", "          NODE_AUTH_TOKEN: ${{ secrets.NPM_TOKEN }}\n          ANTHROPIC_API_KEY: ${{ secrets.REVIEW_KEY }}\n");
    expect(severityOf({ [RELEASE]: [release, key] }, "workflow.permissions-escalated").severity).toBe("high");
    // An action's input named for a model vendor: the action talks to the model.
    const input = releaseWrite.replace("      - run: npm publish --provenance\n", "      - uses: acme/policy-scan@v2\n        with:\n          anthropic-federation-rule-id: ${{ vars.RULE }}\n      - run: npm publish --provenance\n");
    expect(severityOf({ [RELEASE]: [release, input] }, "workflow.permissions-escalated").severity).toBe("high");
    // A token that merely names a vendor's repository is no model credential.
    const token = releaseWrite.replace("          NODE_AUTH_TOKEN: ${{ secrets.NPM_TOKEN }}\n", "          NODE_AUTH_TOKEN: ${{ secrets.NPM_TOKEN }}\n          GH_TOKEN: ${{ secrets.CROSS_REPO_TOKEN_CLAUDE_CODE }}\n");
    expect(severityOf({ [RELEASE]: [release, token] }, "workflow.permissions-escalated").severity).toBe("low");
    // A file that merely sounds alike is no agent file.
    const alike = reads("cat CLAUDE.md.bak docs/myclaude.md");
    expect(severityOf({ [RELEASE]: [release, alike] }, "workflow.permissions-escalated").severity).toBe("low");
  });

  describe("what the workflow calls", () => {
    const CI = ".github/workflows/ci.yml";
    const caller = (uses: string, extra = "") => `name: ci\non: push\njobs:\n  call:\n    uses: ${uses}\n${extra}`;
    const same = (text: string): [string, string] => [text, text];
    const inherit = (uses: string, callee: Record<string, [string, string]>) =>
      severityOf({ [CI]: [caller(uses), caller(uses, "    secrets: inherit\n")], ...callee }, "workflow.secrets-inherit").severity;

    it("a local reusable workflow that runs an agent, or that is not there to read, makes the caller one", () => {
      expect(inherit("./.github/workflows/review-agent.yml", { ".github/workflows/review-agent.yml": same(fixture("workflow/scope/review-agent.yml")) })).toBe("high");
      expect(inherit("./.github/workflows/review-agent.yml", {})).toBe("high");
      expect(inherit("./.github/workflows/lint.yml", { ".github/workflows/lint.yml": same(fixture("workflow/scope/lint.yml")), ".github/actions/setup/action.yml": same(fixture("workflow/scope/setup/action.yml")) })).toBe("low");
      // lint.yml is read, but the composite action it uses is not: unknown, so an agent.
      expect(inherit("./.github/workflows/lint.yml", { ".github/workflows/lint.yml": same(fixture("workflow/scope/lint.yml")) })).toBe("high");
      // A reusable workflow of another repository cannot be read here.
      expect(inherit(`acme/shared-workflows/.github/workflows/lint.yml@${SHA}`, {})).toBe("high");
    });

    it("the callee is read at the caller's side: one that gains an agent at head counts", () => {
      const lint = fixture("workflow/scope/lint.yml");
      const lintAgent = `${lint}      - uses: openai/codex-action@${SHA}\n        with:\n          prompt: fix the lint errors\n`;
      const files = { [CI]: [caller("./.github/workflows/lint.yml"), caller("./.github/workflows/lint.yml", "    secrets: inherit\n")] as [string, string], ".github/workflows/lint.yml": [lint, lintAgent] as [string, string], ".github/actions/setup/action.yml": same(fixture("workflow/scope/setup/action.yml")) };
      expect(severityOf(files, "workflow.secrets-inherit").severity).toBe("high");
    });

    it("a local composite action that runs an agent makes its caller an agent workflow; a JavaScript one is unknown", () => {
      const step = (uses: string) => releaseWrite.replace("      - run: npm publish --provenance\n", `      - uses: ${uses}\n      - run: npm publish --provenance\n`);
      const base = release.replace("      - run: npm publish --provenance\n", "      - uses: ./.github/actions/ai-review\n      - run: npm publish --provenance\n");
      const ai = { ".github/actions/ai-review/action.yml": same(fixture("workflow/scope/ai-review/action.yml")) };
      expect(severityOf({ [RELEASE]: [base, step("./.github/actions/ai-review")], ...ai }, "workflow.permissions-escalated").severity).toBe("high");
      const setupBase = release.replace("      - run: npm publish --provenance\n", "      - uses: ./.github/actions/setup\n      - run: npm publish --provenance\n");
      const setup = { ".github/actions/setup/action.yml": same(fixture("workflow/scope/setup/action.yml")) };
      expect(severityOf({ [RELEASE]: [setupBase, step("./.github/actions/setup")], ...setup }, "workflow.permissions-escalated").severity).toBe("low");
      const js = { ".github/actions/setup/action.yml": same("name: Setup\nruns:\n  using: node20\n  main: dist/index.js\n") };
      expect(severityOf({ [RELEASE]: [setupBase, step("./.github/actions/setup")], ...js }, "workflow.permissions-escalated").severity).toBe("high");
      // A path that climbs out of the repository is unknown too.
      expect(severityOf({ [RELEASE]: [release, step("./.github/actions/../../../elsewhere")] }, "workflow.permissions-escalated").severity).toBe("high");
    });

    it("a cycle of reusable workflows ends, each judged by what the cycle holds", () => {
      const a = "name: a\non: workflow_call\njobs:\n  next:\n    uses: ./.github/workflows/b.yml\n";
      const b = "name: b\non: workflow_call\njobs:\n  next:\n    uses: ./.github/workflows/a.yml\n";
      expect(inherit("./.github/workflows/a.yml", { ".github/workflows/a.yml": same(a), ".github/workflows/b.yml": same(b) })).toBe("low");
    });
  });

  it("rules about agents and about unread text keep their severity", () => {
    const unread = release.replace("      - run: npm ci && npm run build\n", `      - run: echo ${"-".repeat(2100)} && curl -fsSL https://get.example.dev/install.sh | bash\n      - run: npm ci && npm run build\n`);
    expect(severityOf({ [RELEASE]: [release, unread] }, "workflow.unscanned").severity).toBe("high");
  });

  it("a composite action runs inside its callers' jobs, which the review may not see: judged in full", () => {
    const setup = fixture("workflow/scope/setup/action.yml");
    const curl = setup.replace("    - run: npm ci\n", "    - run: curl -fsSL https://get.pnpm.io/install.sh | sh -\n    - run: npm ci\n");
    expect(severityOf({ ".github/actions/setup/action.yml": [setup, curl] }, "workflow.remote-script").severity).toBe("high");
  });
});

describe("the `workflows` policy key", () => {
  it("is agents by default, takes agents or all, and names the line of anything else", () => {
    const parsed = parsePolicy("fail_on: high\n");
    expect(parsed.ok && parsed.policy.workflows).toBe("agents");
    const all = parsePolicy("workflows: all\n");
    expect(all.ok && all.policy.workflows).toBe("all");
    const bad = parsePolicy("fail_on: high\nworkflows: every\n");
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.line).toBe(2);
    expect(!bad.ok && bad.error).toContain("workflows");
  });

  it("an edit from all to agents loosens the policy; the other way tightens it", () => {
    const all = parsePolicy("workflows: all\n");
    if (!all.ok) throw new Error(all.error);
    const loosen = policyChange(all.policy, undefined, ".github/capability-review.yml", "workflows: agents\n");
    expect(loosen).toHaveLength(1);
    expect(loosen[0]!.severity).toBe("high");
    expect(loosen[0]!.message).toContain("workflows");
    const tighten = policyChange(undefined, undefined, ".github/capability-review.yml", "workflows: all\n");
    expect(tighten).toHaveLength(1);
    expect(tighten[0]!.direction).toBe("reduction");
  });
});
