// The instructions surface over real instruction files from public repositories (../shared/corpus).
import { parse } from "../surfaces/instructions-util.js";
import { corpusFile } from "./files.js";

function corpus(rel: string, as?: string) {
  const f = corpusFile(rel);
  const r = parse(as ?? f.path, f.text);
  expect(r.problems).toEqual([]);
  expect(r.cap.key).toBe(`${as ?? f.path}#instructions`);
  expect(r.cap.line).toBe(1);
  expect(r.attrs.hidden).toEqual([]);
  return r;
}

describe("instructions surface: corpus files", () => {
  it("Copilot repository instructions", () => {
    const { attrs } = corpus("github__awesome-copilot/.github/copilot-instructions.md");
    expect(attrs).toMatchObject({ client: "copilot", format: "copilot-instructions", governs: "", tools: null, commands: [], comments: [] });
    expect(attrs.sections).toEqual(expect.arrayContaining(["Agent file guide", "Instruction file guide", "README updates"]));
  });

  it("a Copilot .instructions.md file with applyTo", () => {
    const { attrs } = corpus("github__awesome-copilot/instructions/agent-safety.instructions.md", ".github/instructions/agent-safety.instructions.md");
    expect(attrs).toMatchObject({ format: "copilot-instructions-file", applies: ["**"], approvalPhrases: [], commands: [] });
    expect(attrs.sections).toContain("Tool Access Controls");
  });

  it("Copilot agent files: tools list, model, absent tools = all tools, front-matter MCP servers", () => {
    const tester = corpus("github__awesome-copilot/agents/accessibility-runtime-tester.agent.md");
    expect(tester.attrs).toMatchObject({ format: "copilot-agent", model: "GPT-5" });
    expect(tester.attrs.tools).toContain("runCommands");
    expect(tester.attrs.tools).toHaveLength(12);
    const apify = corpus("github__awesome-copilot/agents/apify-integration-expert.agent.md");
    expect(apify.attrs.tools).toEqual(["*"]);
    expect(apify.attrs.commands).toEqual(["npm install apify-client", "pip install apify-client"]);
    expect(apify.attrs.urlHosts).toContain("mcp.apify.com");
    const mcp = apify.capabilities.find((c) => c.kind === "mcp_server")!;
    expect(mcp).toMatchObject({ key: "agents/apify-integration-expert.agent.md#mcp-servers.apify", line: 5 });
    expect(mcp.attrs).toMatchObject({ client: "copilot", transport: "http", host: "mcp.apify.com", headers: ["Authorization", "Content-Type"] });
  });

  it("a Cursor .mdc rule and a Kiro steering file", () => {
    expect(corpus("0xGosu__test-agentic-coding-demo-v0/.cursor/rules/sdd-read-spec-files.mdc").attrs).toMatchObject({
      client: "cursor", format: "cursor-rule", alwaysApply: false, sections: expect.arrayContaining(["Read Associated Spec Files", "Pattern"]),
    });
    expect(corpus("0xGosu__test-agentic-coding-demo-v0/.kiro/steering/spec.md").attrs).toMatchObject({
      client: "kiro", format: "kiro-steering", applies: ["**/*.spec.md", "inclusion:fileMatch"],
    });
  });

  it("Claude agents and commands: tools, allowed-tools with commas inside parentheses, !`cmd` lines", () => {
    const agent = corpus("anthropics__claude-code-action/.claude/agents/security-code-reviewer.md");
    expect(agent.attrs).toMatchObject({ format: "claude-agent", model: "inherit", tools: ["BashOutput", "Glob", "Grep", "KillBash", "Read", "TodoWrite", "WebFetch", "WebSearch"] });
    const review = corpus("anthropics__claude-code-action/.claude/commands/review-pr.md");
    expect(review.attrs.tools).toEqual(["Bash(gh pr comment:*)", "Bash(gh pr diff:*)", "Bash(gh pr view:*)"]);
    const commit = corpus("anthropics__claude-code/.claude/commands/commit-push-pr.md");
    expect(commit.attrs.commands).toEqual(["git branch --show-current", "git diff HEAD", "git status"]);
    expect(commit.cap.locations?.["git status"]).toEqual({ line: 8 });
    expect(commit.attrs.tools).toContain("Bash(git checkout --branch:*)");
    expect(commit.attrs.tools).toHaveLength(6);
    expect(commit.attrs.sections).toEqual(["Context", "Your task"]);
  });

  it("a Gemini TOML command: the prompt is the text", () => {
    const { attrs } = corpus("google-gemini__gemini-cli/.gemini/commands/oncall/pr-review.toml");
    expect(attrs).toMatchObject({ client: "gemini", format: "gemini-command", tools: null, approvalPhrases: [] });
    expect(attrs.sections).toContain("Mission: Comprehensive Pull Request Review");
  });
});
