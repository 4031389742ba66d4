import { isMap, parseDocument, visit } from "yaml";
import type { Capability, CapabilityOf, WorkflowAttrs } from "../../src/core/model.js";
import { surfaceFor } from "../../src/core/surfaces/index.js";
import { workflowSurface } from "../../src/core/surfaces/workflow.js";
import { AGENT_ACTIONS, agentFamily } from "../../src/core/surfaces/workflow-agents.js";
import { remoteScriptsIn, shellWords, untrustedInExpression } from "../../src/core/surfaces/workflow-steps.js";
import { corpusFile, fixture } from "../helpers.js";

type Wf = CapabilityOf<"workflow">;
const parse = (path: string, text: string) => workflowSurface.parse({ path, text });
const wf = (caps: Capability[], job?: string): Wf => {
  const c = caps.find((x): x is Wf => x.kind === "workflow" && x.attrs.job === job);
  if (!c) throw new Error(`no workflow capability for job ${job}`);
  return c;
};
const agent = (a: WorkflowAttrs, action: string) => a.agentActions.find((u) => u.action === action)!;
const corpus = (rel: string, path?: string) => {
  const f = corpusFile(rel);
  const r = parse(path ?? f.path, f.text);
  expect(r.problems).toEqual([]);
  return r.capabilities;
};

describe("workflow surface: corpus", () => {
  it("claims workflow files, agentic workflows and local actions", () => {
    for (const p of [".github/workflows/ci.yml", ".github/workflows/ci.yaml", ".github/workflows/triage.md", ".github/actions/setup/action.yml", "action.yaml"]) {
      expect(surfaceFor(p)?.id).toBe("workflow");
    }
  });

  it("ClickHouse codex-review: split jobs, empty top-level permissions, codex permission profile", () => {
    const caps = corpus("ClickHouse__clickhouse-cs/.github/workflows/codex-review.yml");
    const top = wf(caps);
    expect(top.key).toBe(".github/workflows/codex-review.yml#workflow");
    expect(top.attrs.triggers).toEqual(["pull_request", "workflow_dispatch"]);
    expect(top.attrs.permissions).toEqual({});
    const review = wf(caps, "review");
    expect(review.key).toBe(".github/workflows/codex-review.yml#jobs.review");
    expect(review.line).toBe(34);
    expect(review.attrs.triggers).toEqual(["pull_request", "workflow_dispatch"]);
    expect(review.attrs.permissions).toEqual({ contents: "read", "pull-requests": "read" });
    expect(review.attrs.secrets).toEqual(["OPENAI_API_KEY"]);
    expect(review.locations?.["secrets:OPENAI_API_KEY"]?.line).toBe(52);
    expect(review.attrs.unpinnedActions).toEqual([]);
    expect(review.attrs.agentActions).toEqual([{ action: "openai/codex-action", inputs: { "permission-profile": ":workspace" } }]);
    expect(review.attrs.injections).toEqual([]);
    expect(wf(caps, "post").attrs.permissions).toEqual({ contents: "read", "pull-requests": "write" });
  });

  it("claude-code-action claude-review and claude: allowedTools from claude_args, unpinned @v1/@main", () => {
    const review = wf(corpus("anthropics__claude-code-action/.github/workflows/claude-review.yml"), "review");
    expect(review.attrs.permissions).toEqual({ contents: "read", "id-token": "write", "pull-requests": "write" });
    expect(agent(review.attrs, "anthropics/claude-code-action").inputs).toEqual({ allowedTools: ["mcp__github_inline_comment__create_inline_comment"] });
    expect(review.attrs.unpinnedActions).toEqual(["anthropics/claude-code-action@v1"]);
    expect(review.attrs.actions).toContain("actions/checkout@v6");
    // github.event.pull_request.number is not attacker-controlled text.
    expect(review.attrs.injections).toEqual([]);
    expect(review.locations?.["agentActions:anthropics/claude-code-action"]?.line).toBe(23);

    const caps = corpus("anthropics__claude-code-action/.github/workflows/claude.yml");
    expect(wf(caps).attrs.triggers).toEqual(["issue_comment", "issues", "pull_request_review", "pull_request_review_comment"]);
    expect(wf(caps).attrs.permissions).toEqual({ "*": "default" });
    const job = wf(caps, "claude");
    expect(job.attrs.permissions).toEqual({ contents: "write", "id-token": "write", issues: "write", "pull-requests": "write" });
    expect(agent(job.attrs, "anthropics/claude-code-action").inputs.allowedTools).toEqual([
      "Bash(bun install)", "Bash(bun run format)", "Bash(bun test:*)", "Bash(bun typecheck)",
    ]);
    expect(job.attrs.unpinnedActions).toEqual(["anthropics/claude-code-action@main"]);
  });

  it("test-mcp-servers: a local claude wrapper recognised by claude_args, --mcp-config servers, inherited permissions", () => {
    const caps = corpus("anthropics__claude-code-action/.github/workflows/test-mcp-servers.yml");
    expect(wf(caps).attrs.triggers).toEqual(["pull_request", "workflow_call", "workflow_dispatch"]);
    const job = wf(caps, "test-mcp-config-flag");
    expect(job.attrs.permissions).toEqual({ contents: "read", "id-token": "write" });
    expect(job.attrs.unpinnedActions).toEqual([]);
    expect(agent(job.attrs, "./base-action").inputs).toEqual({ allowedTools: ["mcp__test-server__test_tool"], mcpServers: ["test-server"] });
    const server = caps.find((c) => c.kind === "mcp_server");
    expect(server?.key).toBe(".github/workflows/test-mcp-servers.yml#jobs.test-mcp-config-flag.mcpServers.test-server");
    expect(server?.attrs).toMatchObject({ name: "test-server", client: "claude", command: "bun", args: ["simple-mcp-server.ts"] });
    expect(agent(wf(caps, "test-mcp-integration").attrs, "./base-action").inputs).toEqual({ allowedTools: ["mcp__test-server__test_tool"] });
  });

  it("claude-code issue triage: open to any user; claude.yml: only a model flag", () => {
    const job = wf(corpus("anthropics__claude-code/.github/workflows/claude-issue-triage.yml"), "triage-issue");
    expect(job.attrs.triggers).toEqual(["issue_comment", "issues"]);
    expect(job.attrs.secrets).toEqual(["GITHUB_TOKEN"]);
    expect(agent(job.attrs, "anthropics/claude-code-action").inputs).toEqual({ allowed_non_write_users: ["*"] });
    expect(job.locations?.["agentActions:anthropics/claude-code-action.allowed_non_write_users"]?.line).toBe(37);
    const claude = wf(corpus("anthropics__claude-code/.github/workflows/claude.yml"), "claude");
    expect(agent(claude.attrs, "anthropics/claude-code-action").inputs).toEqual({});
    expect(claude.attrs.unpinnedActions).toEqual(["anthropics/claude-code-action@v1"]);
  });

  it("codex-action examples: matrix safety strategies, unprivileged user, literal API key", () => {
    const sandbox = wf(corpus("openai__codex-action/examples/test-sandbox-protections.yml", ".github/workflows/sandbox.yml"), "assess-exfiltration-risk");
    expect(agent(sandbox.attrs, "openai/codex-action").inputs).toEqual({ "safety-strategy": ["drop-sudo", "read-only", "unsafe"] });
    expect(sandbox.attrs.permissions).toEqual({ "*": "default" });
    expect(sandbox.attrs.secrets).toEqual(["literal:openai-api-key"]);
    const unpriv = wf(corpus("openai__codex-action/examples/unprivileged-user.yml", ".github/workflows/unpriv.yml"), "run-codex-with-unprivileged-user");
    expect(agent(unpriv.attrs, "openai/codex-action").inputs).toEqual({ "safety-strategy": "unprivileged-user" });
    expect(unpriv.attrs.secrets).toEqual(["OPENAI_API_KEY"]);
    expect(unpriv.attrs.remoteScripts).toEqual([]);
  });

  it("awesome-copilot codeowner-update.md: agentic workflow front matter", () => {
    const caps = corpus("github__awesome-copilot/.github/workflows/codeowner-update.md");
    expect(wf(caps).attrs.triggers).toEqual(["issue_comment"]);
    const job = wf(caps, "agent");
    expect(job.key).toBe(".github/workflows/codeowner-update.md#jobs.agent");
    expect(job.attrs.permissions).toEqual({ "copilot-requests": "write", contents: "read", issues: "read", "pull-requests": "read" });
    expect(job.locations?.["permissions:copilot-requests"]?.line).toBe(11);
    const aw = agent(job.attrs, "gh-aw");
    expect(aw.inputs.tools).toEqual(["github.toolsets=default"]);
    expect(aw.inputs["safe-outputs"]).toContain("add-comment.max=1");
    expect(aw.inputs["safe-outputs"]).toContain("noop");
    expect(job.attrs.injections).toEqual([]);
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
    expect(agent(job.attrs, "google-github-actions/run-gemini-cli").inputs).toEqual({
      settings: ["coreTools=run_shell_command"], mcpServers: ["gh"], gemini_cli_version: "latest",
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

  it("scanning stays fast on pathological lines", () => {
    const lines = ["curl x | env " + "a=".repeat(20000), "curl x | sudo " + "-a ".repeat(10000), "sh " + "$(".repeat(10000), "x sh".repeat(10000)];
    for (const l of lines) {
      const t = Date.now();
      remoteScriptsIn(l);
      shellWords(l);
      expect(Date.now() - t).toBeLessThan(1000);
    }
  });

  it("remote script shapes", () => {
    const found = (s: string) => remoteScriptsIn(s).map((r) => r.script);
    expect(found("curl -sL https://x.test/i.sh \\\n  | bash")).toHaveLength(1);
    expect(found("source <(curl -s https://x.test/env)")).toHaveLength(1);
    expect(found('eval "$(wget -qO- https://x.test/a)"')).toHaveLength(1);
    expect(found("irm https://x.test/a.ps1 | iex")).toHaveLength(1);
    expect(found("curl -o f.tgz https://x.test/f.tgz && tar xzf f.tgz\n# curl x | sh")).toEqual([]);
  });
});
