// The workflow surface over real workflows from public repositories (../shared/corpus).
import { agent, parse, wf } from "../surfaces/workflow-util.js";
import { corpusFile } from "./files.js";

const corpus = (rel: string, path?: string) => {
  const f = corpusFile(rel);
  const r = parse(path ?? f.path, f.text);
  expect(r.problems).toEqual([]);
  return r.capabilities;
};

describe("workflow surface: corpus", () => {
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
