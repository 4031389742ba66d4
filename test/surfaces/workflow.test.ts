import { isMap, parseDocument, visit } from "yaml";
import type { Capability } from "../../src/core/model.js";
import { surfaceFor } from "../../src/core/surfaces/index.js";
import { AGENT_ACTIONS, agentFamily } from "../../src/core/surfaces/workflow-agents.js";
import { remoteScriptsIn, shellWords, untrustedInExpression } from "../../src/core/surfaces/workflow-steps.js";
import { expectNoBlowUp, fixture, lineOf } from "../helpers.js";
import { agent, parse, wf, type Wf } from "./workflow-util.js";

/** A fixture parsed at a workflow path; it must parse cleanly. */
const clean = (name: string, path = `.github/workflows/${name}`) => {
  const text = fixture(`workflow/${name}`);
  const r = parse(path, text);
  expect(r.problems).toEqual([]);
  return { caps: r.capabilities, text };
};
/** 1-based line of the n-th (0-based) line containing `needle`. */
const nthLineOf = (text: string, needle: string, n: number) => {
  const lines = text.split("\n").flatMap((l, i) => (l.includes(needle) ? [i + 1] : []));
  if (lines.length <= n) throw new Error(`fewer than ${n + 1} lines contain ${JSON.stringify(needle)}`);
  return lines[n]!;
};

describe("workflow surface: real-world shapes", () => {
  it("claims workflow files, agentic workflows and local actions", () => {
    for (const p of [".github/workflows/ci.yml", ".github/workflows/ci.yaml", ".github/workflows/triage.md", ".github/actions/setup/action.yml", "action.yaml"]) {
      expect(surfaceFor(p)?.id).toBe("workflow");
    }
  });

  it("a split codex review: a folded if, workflow inputs, empty top-level permissions, a codex permission profile", () => {
    const { caps, text } = clean("codex-split-review.yml");
    const top = wf(caps);
    expect(top.key).toBe(".github/workflows/codex-split-review.yml#workflow");
    expect(text.split("\n")[top.line - 1]).toBe("on:");
    expect(top.line).toBe(7);
    // Written workflow_dispatch first: the triggers come out sorted.
    expect(top.attrs.triggers).toEqual(["pull_request", "workflow_dispatch"]);
    expect(top.attrs.permissions).toEqual({});
    const review = wf(caps, "analyse");
    expect(review.key).toBe(".github/workflows/codex-split-review.yml#jobs.analyse");
    expect(review.line).toBe(lineOf(text, "  analyse:"));
    expect(review.line).toBe(32);
    expect(review.attrs.triggers).toEqual(["pull_request", "workflow_dispatch"]);
    expect(review.attrs.permissions).toEqual({ contents: "read", "pull-requests": "read" });
    // github.token and the top-level env values taken through env.* are no secrets.
    expect(review.attrs.secrets).toEqual(["OPENAI_API_KEY"]);
    expect(review.locations?.["secrets:OPENAI_API_KEY"]?.line).toBe(lineOf(text, "openai-api-key:"));
    // A first-party action on a tag is not unpinned; the third-party one is pinned to a SHA.
    expect(review.attrs.unpinnedActions).toEqual([]);
    expect(review.attrs.actions).toEqual(["actions/checkout@v5", "openai/codex-action@a1b2c3d4e5f60718293a4b5c6d7e8f9001122334"]);
    // The model, its effort and the CLI version choose nothing about what the agent may do.
    expect(review.attrs.agentActions).toEqual([{ action: "openai/codex-action", inputs: { "permission-profile": ":workspace" } }]);
    expect(review.attrs.injections).toEqual([]);
    expect(review.attrs.remoteScripts).toEqual([]);
    const post = wf(caps, "publish");
    expect(post.attrs.permissions).toEqual({ contents: "read", "pull-requests": "write" });
    // Its run step reads the first job's output through env, never as ${{ }} inside the script.
    expect(post.attrs).toMatchObject({ secrets: [], actions: [], agentActions: [], remoteScripts: [], injections: [] });
    expect(caps).toHaveLength(3);
  });

  it("claude-code-action review and mention workflows: allowedTools from claude_args, unpinned @v1/@main", () => {
    const { caps: reviewCaps, text: reviewText } = clean("claude-pr-review.yml");
    const review = wf(reviewCaps, "code-review");
    expect(review.attrs.permissions).toEqual({ contents: "read", "id-token": "write", "pull-requests": "write" });
    // A folded claude_args with an unquoted comma list; --model grants nothing.
    expect(agent(review.attrs, "anthropics/claude-code-action").inputs).toEqual({
      allowedTools: ["mcp__pr_feedback__leave_note", "mcp__pr_feedback__resolve_thread"],
    });
    // google-github-actions/auth is pinned to a SHA; checkout is first-party.
    expect(review.attrs.unpinnedActions).toEqual(["anthropics/claude-code-action@v1"]);
    expect(review.attrs.actions).toEqual([
      "actions/checkout@v5", "anthropics/claude-code-action@v1", "google-github-actions/auth@4d3c2b1a0f9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c",
    ]);
    // vars.* are configuration, not secrets.
    expect(review.attrs.secrets).toEqual([]);
    // The pull request's number, head SHA and base branch are not attacker-controlled text.
    expect(review.attrs.injections).toEqual([]);
    expect(review.locations?.["agentActions:anthropics/claude-code-action"]?.line).toBe(lineOf(reviewText, "uses: anthropics/claude-code-action@v1"));
    expect(review.locations?.["agentActions:anthropics/claude-code-action"]?.line).toBe(34);

    const { caps } = clean("claude-mention.yml");
    expect(wf(caps).attrs.triggers).toEqual(["issue_comment", "issues", "pull_request_review", "pull_request_review_comment"]);
    expect(wf(caps).attrs.permissions).toEqual({ "*": "default" });
    const job = wf(caps, "assist");
    expect(job.attrs.permissions).toEqual({ contents: "write", "id-token": "write", issues: "write", "pull-requests": "write" });
    // Two --allowedTools flags (a quoted comma list, then single-quoted words) merge into one sorted list.
    expect(agent(job.attrs, "anthropics/claude-code-action").inputs.allowedTools).toEqual([
      "Bash(cargo build --locked)", "Bash(cargo clippy:*)", "Bash(cargo nextest run:*)", "Bash(just docs)",
    ]);
    expect(job.attrs.unpinnedActions).toEqual(["anthropics/claude-code-action@main"]);
    expect(job.attrs.secrets).toEqual([]);
    // Untrusted text tested in the job's `if:` is never interpolated into a script or a prompt.
    expect(job.attrs.injections).toEqual([]);
  });

  it("a local claude wrapper recognised by claude_args, --mcp-config servers, inherited permissions", () => {
    const { caps, text } = clean("mcp-wrapper.yml");
    expect(wf(caps).attrs.triggers).toEqual(["pull_request", "workflow_call", "workflow_dispatch"]);
    const job = wf(caps, "probe-config-flag");
    expect(job.attrs.permissions).toEqual({ contents: "read", "id-token": "write" });
    expect(job.locations?.["permissions:id-token"]?.line).toBe(lineOf(text, "  id-token: write"));
    expect(job.attrs.unpinnedActions).toEqual([]);
    expect(job.attrs.remoteScripts).toEqual([]);
    expect(agent(job.attrs, "./agent-action").inputs).toEqual({ allowedTools: ["mcp__probe-server__ping"], mcpServers: ["probe-server"] });
    const servers = caps.filter((c) => c.kind === "mcp_server");
    expect(servers).toHaveLength(1);
    expect(servers[0]!.key).toBe(".github/workflows/mcp-wrapper.yml#jobs.probe-config-flag.mcpServers.probe-server");
    expect(servers[0]!.line).toBe(nthLineOf(text, "claude_args:", 1));
    expect(servers[0]!.attrs).toMatchObject({ name: "probe-server", client: "claude", command: "node", args: ["probe-server.mjs"] });
    const other = wf(caps, "probe-project-config");
    expect(agent(other.attrs, "./agent-action").inputs).toEqual({ allowedTools: ["mcp__probe-server__ping"] });
    expect(other.attrs.unpinnedActions).toEqual([]);
    expect(other.attrs.remoteScripts).toEqual([]);
  });

  it("an issue triage open to any user; an assistant with only a model flag", () => {
    const { caps, text } = clean("issue-triage.yml");
    const job = wf(caps, "sort");
    expect(job.attrs.triggers).toEqual(["issue_comment", "issues"]);
    expect(job.attrs.permissions).toEqual({ contents: "read", "id-token": "write", issues: "write" });
    // A JSON string in env is no committed credential.
    expect(job.attrs.secrets).toEqual(["GITHUB_TOKEN"]);
    // --max-turns and --model grant nothing: only the open door is an input.
    expect(agent(job.attrs, "anthropics/claude-code-action").inputs).toEqual({ allowed_non_write_users: ["*"] });
    expect(job.locations?.["agentActions:anthropics/claude-code-action.allowed_non_write_users"]?.line).toBe(lineOf(text, "allowed_non_write_users:"));
    expect(job.locations?.["agentActions:anthropics/claude-code-action.allowed_non_write_users"]?.line).toBe(36);
    expect(job.attrs.injections).toEqual([]);
    const claude = wf(clean("claude-model-only.yml").caps, "answer");
    expect(agent(claude.attrs, "anthropics/claude-code-action").inputs).toEqual({});
    expect(claude.attrs.unpinnedActions).toEqual(["anthropics/claude-code-action@v1"]);
    expect(claude.attrs.actions).toContain("actions/checkout@5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f");
  });

  it("codex-action: matrix safety strategies, an unprivileged user, a literal API key", () => {
    const matrix = clean("codex-matrix-strategies.yml", ".github/workflows/strategies.yml");
    const sandbox = wf(matrix.caps, "probe-strategies");
    expect(agent(sandbox.attrs, "openai/codex-action").inputs).toEqual({ "safety-strategy": ["drop-sudo", "read-only", "unsafe"] });
    expect(sandbox.attrs.permissions).toEqual({ "*": "default" });
    expect(sandbox.attrs.secrets).toEqual(["literal:openai-api-key"]);
    expect(sandbox.locations?.["secrets:literal:openai-api-key"]?.line).toBe(lineOf(matrix.text, "openai-api-key:"));
    // A privileged shell fed from a here-document downloads nothing.
    expect(sandbox.attrs.remoteScripts).toEqual([]);
    const unpriv = wf(clean("codex-unprivileged.yml", ".github/workflows/unpriv.yml").caps, "codex-as-separate-account");
    expect(agent(unpriv.attrs, "openai/codex-action").inputs).toEqual({ "safety-strategy": "unprivileged-user" });
    expect(unpriv.attrs.secrets).toEqual(["OPENAI_API_KEY"]);
    expect(unpriv.attrs.remoteScripts).toEqual([]);
    expect(unpriv.attrs.unpinnedActions).toEqual(["openai/codex-action@v1"]);
  });

  it("an agentic workflow with a top-level if and a null safe output", () => {
    const { caps, text } = clean("codeowners-agent.md");
    expect(wf(caps).attrs.triggers).toEqual(["issue_comment"]);
    const job = wf(caps, "agent");
    expect(job.key).toBe(".github/workflows/codeowners-agent.md#jobs.agent");
    expect(job.attrs.permissions).toEqual({ "copilot-requests": "write", contents: "read", issues: "read", "pull-requests": "read" });
    expect(job.locations?.["permissions:copilot-requests"]?.line).toBe(lineOf(text, "  copilot-requests:"));
    expect(job.locations?.["permissions:copilot-requests"]?.line).toBe(12);
    const aw = agent(job.attrs, "gh-aw");
    expect(aw.inputs.tools).toEqual(["github.toolsets=default"]);
    expect(aw.inputs["safe-outputs"]).toContain("add-comment.max=1");
    expect(aw.inputs["safe-outputs"]).toContain("noop");
    expect(aw.inputs["safe-outputs"]).toEqual([
      "add-comment.max=1", "create-pull-request.base-branch=trunk", "create-pull-request.draft=false", "create-pull-request.title-prefix=[owners] ", "noop",
    ]);
    // The issue number, the actor and a step output are not attacker-controlled text.
    expect(job.attrs.injections).toEqual([]);
    expect(job.attrs.secrets).toEqual([]);
  });
});

describe("workflow surface: fixtures", () => {
  const caps = parse(".github/workflows/d.yml", fixture("workflow/dangerous.yml")).capabilities;
  const job = wf(caps, "agent");

  it("top level: risky triggers and write-all, inherited by jobs", () => {
    expect(wf(caps).attrs.triggers).toEqual(["issue_comment", "pull_request_target"]);
    expect(wf(caps).attrs.permissions).toEqual({ "*": "write" });
    expect(job.attrs.permissions).toEqual({ "*": "write" });
    expect(wf(caps, "safe").attrs.permissions).toEqual({ contents: "read" });
    expect(job.locations?.["triggers:pull_request_target"]?.line).toBe(4);
  });

  it("secrets, actions and pinning", () => {
    expect(job.attrs.secrets).toEqual(["ANTHROPIC_API_KEY", "OPENAI_KEY", "SHARED_TOKEN"]);
    expect(job.attrs.unpinnedActions).toEqual([
      "anthropics/claude-code-action@v1", "docker://alpine:3.20", "google-github-actions/run-gemini-cli@v0", "openai/codex-action@main", "someone/setup-thing@v2",
    ]);
    expect(job.attrs.actions).toContain("actions/checkout@v4");
    const call = wf(caps, "call");
    expect(call.attrs.secretsInherit).toBe(true);
    expect(call.attrs.unpinnedActions).toEqual(["example/shared/.github/workflows/build.yml@main"]);
    expect(wf(caps, "safe").attrs.unpinnedActions).toEqual([]);
  });

  it("claude-code-action inputs: claude_args split as a shell would, comments dropped", () => {
    const c = agent(job.attrs, "anthropics/claude-code-action").inputs;
    expect(c.allowedTools).toEqual(["Bash(git add:*)", "Edit", "Read"]);
    expect(c.disallowedTools).toEqual(["WebFetch"]);
    expect(c.permissionMode).toBe("acceptEdits");
    expect(c.dangerouslySkipPermissions).toBe(true);
    expect(c.mcpServers).toEqual(["fetcher"]);
    expect(c.plugins).toEqual(["code-review@claude-code-plugins", "tool-kit@team-market"]);
    expect(c.plugin_marketplaces).toEqual(["https://github.com/example/market.git"]);
    expect(c.allowed_bots).toEqual(["*"]);
    expect(c.settings).toEqual(["env.API", "permissions.allow=Bash(make:*)", "permissions.defaultMode=acceptEdits"]);
    expect(c).not.toHaveProperty("model");
    const fetcher = caps.find((x) => x.key.endsWith("mcpServers.fetcher"));
    expect(fetcher?.attrs).toMatchObject({ command: "npx", package: { name: "fetch-mcp", pinned: false } });
  });

  it("codex and gemini inputs", () => {
    expect(agent(job.attrs, "openai/codex-action").inputs).toEqual({
      sandbox: ["danger-full-access", "read-only"],
      "safety-strategy": "unsafe",
      "allow-users": ["*"],
      "responses-api-endpoint": "proxy.example.net",
      "codex-args": ["--config sandbox_workspace_write.network_access=true", "--full-auto"],
    });
    // run-gemini-cli runs --yolo: its tool lists are judged as restrictions, its shell by them; it checks
    // no actor, so the workflow's events anyone can cause are who may run it.
    expect(agent(job.attrs, "google-github-actions/run-gemini-cli").inputs).toEqual({
      coreTools: ["run_shell_command"], shell: "any", mcpServers: ["gh"], gemini_cli_version: "latest", openTriggers: ["issue_comment", "pull_request_target"],
    });
  });

  it("remote scripts and injections, each on its line", () => {
    expect(job.attrs.remoteScripts).toEqual([
      "bash <(curl -s https://example.org/y.sh)",
      "curl -fsSL https://get.example.com/install.sh | sudo bash -s -- --yes",
      "iex (iwr https://example.org/a.ps1 -UseBasicParsing)",
      'sh -c "$(curl -fsSL https://example.org/z.sh)"',
      "wget -qO- https://example.org/x.sh | sh",
    ]);
    expect(job.locations?.["remoteScripts:wget -qO- https://example.org/x.sh | sh"]?.line).toBe(61);
    expect(job.attrs.injections).toEqual([
      "github.event.comment.body in script of actions/github-script",
      "github.event.issue.title in prompt of anthropics/claude-code-action",
      "github.event.pull_request.body in prompt of openai/codex-action",
      "github.head_ref in run",
    ]);
    expect(job.locations?.["injections:github.head_ref in run"]?.line).toBe(64);
    expect(job.locations?.["injections:github.event.issue.title in prompt of anthropics/claude-code-action"]?.line).toBe(26);
    expect(wf(caps, "safe").attrs.remoteScripts).toEqual([]);
    expect(wf(caps, "safe").attrs.injections).toEqual([]);
  });

  it("a local composite action", () => {
    const [c, ...rest] = parse(".github/actions/setup/action.yml", fixture("workflow/action.yml")).capabilities as Wf[];
    expect(rest).toEqual([]);
    expect(c!.key).toBe(".github/actions/setup/action.yml#runs");
    expect(c!.attrs).toMatchObject({
      job: "runs", triggers: [], permissions: {}, secrets: ["HELPER_TOKEN"], unpinnedActions: ["vendor/tool@v1"],
      remoteScripts: ["curl -sSL https://tools.example.com/setup | bash"], injections: ["github.event.issue.body in run"],
    });
    expect(parse("action.yml", "name: x\nruns:\n  using: node20\n  main: index.js\n").capabilities).toEqual([]);
  });

  it("an agentic workflow: tools, network, roles, MCP servers, front-matter steps and the prompt body", () => {
    const md = parse(".github/workflows/triage.md", fixture("workflow/agentic.md")).capabilities;
    expect(wf(md).attrs.triggers).toEqual(["issues"]);
    const a = wf(md, "agent");
    expect(a.attrs.permissions).toEqual({ contents: "read", issues: "write" });
    expect(agent(a.attrs, "gh-aw").inputs).toEqual({
      tools: ["bash=:*", "edit", "github.toolsets=issues"],
      network: ["allowed=api.example.com", "allowed=defaults"],
      "safe-outputs": ["add-comment.max=2"],
      roles: ["all"],
      engine: "claude",
      mcpServers: ["notes"],
    });
    expect(a.attrs.remoteScripts).toEqual(["curl -s https://example.com/prep.sh | sh"]);
    expect(a.attrs.injections).toEqual(["github.event.issue.title in prompt of gh-aw"]);
    expect(a.locations?.["injections:github.event.issue.title in prompt of gh-aw"]?.line).toBe(34);
    expect(md.some((c) => c.kind === "mcp_server" && c.attrs.name === "notes")).toBe(true);
  });
});

describe("workflow surface: shapes and stability", () => {
  it("reports malformed YAML and wrong shapes with their line", () => {
    const bad = parse(".github/workflows/x.yml", "on: push\njobs:\n  a: [\n");
    expect(bad.problems[0]).toMatchObject({ rule: "file.parse-error", line: expect.any(Number) });
    expect(parse(".github/workflows/x.yml", "- a\n- b\n").problems[0]).toMatchObject({ rule: "file.parse-error", line: 1 });
    const md = parse(".github/workflows/x.md", "---\non: issues\ntools: [\n---\nbody\n");
    expect(md.problems[0]?.line).toBeGreaterThanOrEqual(3);
    expect(parse(".github/workflows/x.md", "---\n- a\n---\n").problems[0]).toMatchObject({ line: 2 });
  });

  it("ignores files that are not workflows and never throws on hostile values", () => {
    expect(parse(".github/workflows/README.md", "# Workflows\n\nDocs.\n")).toEqual({ capabilities: [], problems: [] });
    expect(parse(".github/workflows/x.yml", "name: nothing\n").capabilities).toEqual([]);
    const weird = [
      "on: 5\njobs: 5\n", "on: push\njobs:\n  a: null\n  b: {steps: x}\n  c: {steps: [null, 5, {uses: 5, with: null, run: [1]}]}\n",
      "on: push\npermissions: [1]\njobs:\n  a: {permissions: 7, strategy: {matrix: 3}, steps: [{uses: anthropics/claude-code-action@v1, with: {claude_args: 5, settings: '{bad', mcp_config: '[1]'}}]}\n",
      "on: push\njobs:\n  a:\n    steps:\n      - uses: openai/codex-action@v1\n        with: {codex-args: '\"unterminated ${{ x', sandbox: '${{ matrix.nope }}'}\n",
    ];
    for (const text of weird) expect(() => parse(".github/workflows/x.yml", text)).not.toThrow();
    const odd = wf(parse(".github/workflows/x.yml", "on: push\njobs:\n  a:\n    steps:\n      - run: echo ${{ secrets['a(b'] }}\n").capabilities, "a");
    expect(odd.attrs.secrets).toEqual(["A(B"]);
    const job = wf(parse(".github/workflows/x.yml", weird[2]!).capabilities, "a");
    expect(job.attrs.permissions).toEqual({ "*": "unknown" });
  });

  it("reordering keys and list items, comments and whitespace give identical capabilities", () => {
    const strip = (caps: Capability[]) => JSON.stringify(caps.map(({ line: _l, locations: _p, ...rest }) => rest).sort((a, b) => (a.key < b.key ? -1 : 1)));
    for (const [file, path] of [["workflow/dangerous.yml", ".github/workflows/d.yml"], ["workflow/agentic.md", ".github/workflows/t.md"]] as const) {
      const text = fixture(file);
      const isMd = path.endsWith(".md");
      const [fm, body] = isMd ? [text.split("---\n")[1]!, text.split("---\n").slice(2).join("---\n")] : [text, ""];
      const doc = parseDocument(fm);
      // Reverse every mapping (keys) and the `on:` / `with:` maps; step order is kept (it is semantic).
      visit(doc, { Map: (_, node) => void (isMap(node) && node.items.reverse()) });
      const shuffled = "# reordered\n\n" + doc.toString({ lineWidth: 0 });
      const again = isMd ? `---\n${shuffled}---\n\n${body}` : shuffled;
      expect(strip(parse(path, again).capabilities)).toBe(strip(parse(path, text).capabilities));
    }
  });
});

describe("workflow helpers", () => {
  it("one exported agent action list; wrappers recognised by their inputs", () => {
    expect(AGENT_ACTIONS.map((a) => a.pattern)).toEqual(expect.arrayContaining(["anthropics/claude-code-action", "openai/codex-action", "google-github-actions/run-gemini-cli", "github/copilot-*", "actions/ai-inference"]));
    expect(agentFamily("github/copilot-swe-agent@v1", [])).toBe("generic");
    expect(agentFamily("Anthropics/Claude-Code-Action@v1", [])).toBe("claude");
    expect(agentFamily("me/fork@v1", ["claude_args"])).toBe("claude");
    expect(agentFamily("actions/checkout@v4", ["ref"])).toBeUndefined();
  });

  it("shell splitting keeps expressions and unquoted tool patterns whole", () => {
    expect(shellWords("--allowedTools Bash(git diff:*) --x=${{ github.event.issue.title }} # c\n--y 'a b'")).toEqual([
      "--allowedTools", "Bash(git diff:*)", "--x=${{ github.event.issue.title }}", "--y", "a b",
    ]);
  });

  it("attacker-controlled contexts, including toJSON dumps and bracket syntax", () => {
    expect(untrustedInExpression("toJSON(github.event.issue)")).toEqual(["github.event.issue"]);
    expect(untrustedInExpression("github.event['pull_request']['head']['ref']")).toEqual(["github.event.pull_request.head.ref"]);
    expect(untrustedInExpression("github.event.commits[0].message")).toEqual(["github.event.commits.*.message"]);
    expect(untrustedInExpression("github.event.workflow_run.head_branch")).toHaveLength(1);
    expect(untrustedInExpression("github.event.issue.number || inputs.title || github.repository")).toEqual([]);
  });

  it.each([
    ["env assignments after a pipe", (n: number) => "curl x | env " + "a=".repeat(n)],
    ["sudo flags after a pipe", (n: number) => "curl x | sudo " + "-a ".repeat(n / 2)],
    ["unclosed command substitutions", (n: number) => "sh " + "$(".repeat(n / 2)],
    ["shell names run together", (n: number) => "x sh".repeat(n / 2)],
  ])("scanning grows linearly on pathological lines: %s", (_name, line) => {
    expectNoBlowUp(line, (l) => [remoteScriptsIn(l), shellWords(l)], 1_000, 20_000);
  });

  it("remote script shapes", () => {
    const found = (s: string) => remoteScriptsIn(s).found.map((r) => r.script);
    expect(found("curl -sL https://x.test/i.sh \\\n  | bash")).toHaveLength(1);
    expect(found("source <(curl -s https://x.test/env)")).toHaveLength(1);
    expect(found('eval "$(wget -qO- https://x.test/a)"')).toHaveLength(1);
    expect(found("irm https://x.test/a.ps1 | iex")).toHaveLength(1);
    expect(found("curl -o f.tgz https://x.test/f.tgz && tar xzf f.tgz\n# curl x | sh")).toEqual([]);
  });
});
