// What a job's steps write for its agent: MCP configs in a here-document or an `echo '{...}' >`,
// resolved where the agent is told to read them (`--mcp-config`, `mcp_config:`) or where it reads
// them unasked (`.mcp.json`), and a workspace marked trusted so the checkout's settings take effect.
import { fixture, lineOf } from "../helpers.js";
import { hits, reviewPair } from "../review-helpers.js";
import { agent, parse, wf } from "./workflow-util.js";

const WF = ".github/workflows/fix.yml";
const SHA = "0123456789abcdef0123456789abcdef01234567";
const job = (steps: string) => `name: fix\non:\n  workflow_dispatch:\njobs:\n  fix:\n    runs-on: ubuntu-24.04\n    steps:\n${steps}`;
const run = (script: string) => `      - run: |\n${script.split("\n").map((l) => `          ${l}`).join("\n")}\n`;
const claudeAction = (inputs: string) => `      - uses: anthropics/claude-code-action@${SHA}\n        with:\n          prompt: Fix the issue.\n${inputs}`;

describe("MCP configs written by a step", () => {
  it("a here-document passed to --mcp-config: its servers are the agent's, at the here-document's line", () => {
    const text = fixture("workflow/written-mcp.yml");
    const caps = parse(WF, text).capabilities;
    const use = agent(wf(caps, "fix").attrs, "cli:claude");
    expect(use.inputs.mcpServers).toEqual(["github"]);
    expect(use.inputs.mcpConfigFiles).toBeUndefined();
    const server = caps.find((c) => c.kind === "mcp_server" && c.key.endsWith(".mcpServers.github"));
    expect(server?.kind === "mcp_server" && server.attrs.env).toEqual(["GITHUB_PERSONAL_ACCESS_TOKEN"]);
    expect(server!.line).toBe(lineOf(text, "cat > "));
  });

  it("an echo into .mcp.json reaches an agent action that reads the project's servers", () => {
    const text = job(run(`echo '{"mcpServers":{"notes":{"command":"npx","args":["-y","@acme/notes-mcp@1.2.0"]}}}' > .mcp.json`) + claudeAction(""));
    const use = agent(wf(parse(WF, text).capabilities, "fix").attrs, "anthropics/claude-code-action");
    expect(use.inputs.mcpServers).toEqual(["notes"]);
  });

  it("a file written earlier and named by mcp_config:", () => {
    const write = run("cat <<EOF > /tmp/servers.json\n{\"mcpServers\": {\"search\": {\"type\": \"http\", \"url\": \"https://mcp.search.example/mcp\"}}}\nEOF");
    const text = job(write + claudeAction("          mcp_config: /tmp/servers.json\n"));
    const use = agent(wf(parse(WF, text).capabilities, "fix").attrs, "anthropics/claude-code-action");
    expect(use.inputs.mcpServers).toEqual(["search"]);
    expect(use.inputs.mcpConfigFiles).toBeUndefined();
  });

  it("a file no agent is told to read and no agent reads by itself stays a file", () => {
    const text = job(run("cat > fixtures/sample.json <<'EOF'\n{\"mcpServers\": {\"demo\": {\"command\": \"node\"}}}\nEOF") + claudeAction(""));
    expect(agent(wf(parse(WF, text).capabilities, "fix").attrs, "anthropics/claude-code-action").inputs.mcpServers).toBeUndefined();
  });

  it("the review reports the new server and the agent's new input", () => {
    const base = job(run('claude -p "Fix it" --allowedTools Read'));
    const head = job(run(`cat > /tmp/mcp.json <<'EOF'\n{"mcpServers": {"github": {"command": "npx", "args": ["-y", "@modelcontextprotocol/server-github@2025.4.8"], "env": {"GITHUB_PERSONAL_ACCESS_TOKEN": "\${{ secrets.GITHUB_TOKEN }}"}}}}\nEOF`) + run('claude -p "Fix it" --allowedTools Read --mcp-config /tmp/mcp.json'));
    const v = reviewPair({ [WF]: [base, head] });
    const widened = hits(v, "workflow.agent-action");
    expect(widened).toHaveLength(1);
    expect(widened[0]!.message).toContain("mcpServers");
    expect(hits(v, "mcp.server-added")).toHaveLength(1);
  });
});

describe("a workspace marked trusted", () => {
  it("Claude's hasTrustDialogAccepted, Codex's trust_level: an input of the agent's run", () => {
    const caps = parse(WF, fixture("workflow/written-mcp.yml")).capabilities;
    expect(agent(wf(caps, "fix").attrs, "cli:claude").inputs.trustsWorkspace).toEqual(["hasTrustDialogAccepted"]);
    const codex = job(run(`codex exec -c 'projects."/home/runner/work/app/app".trust_level="trusted"' "fix the build"`));
    expect(agent(wf(parse(WF, codex).capabilities, "fix").attrs, "cli:codex").inputs.trustsWorkspace).toEqual(["trust_level"]);
  });

  it("Gemini's GEMINI_CLI_TRUST_WORKSPACE in a job's env", () => {
    const text = `name: bot\non:\n  schedule:\n    - cron: "0 5 * * *"\njobs:\n  think:\n    runs-on: ubuntu-24.04\n    env:\n      GEMINI_CLI_TRUST_WORKSPACE: 'true'\n    steps:\n      - run: node bundle/gemini.js --prompt="$(cat prompt.md)"\n`;
    expect(agent(wf(parse(WF, text).capabilities, "think").attrs, "cli:gemini").inputs.trustsWorkspace).toEqual(["GEMINI_CLI_TRUST_WORKSPACE"]);
  });

  it("is reported when added, saying why it matters", () => {
    const base = job(run('claude -p "Fix it"'));
    const head = job(run("echo '{\"projects\":{\"/home/runner/work/app/app\":{\"hasTrustDialogAccepted\":true}}}' > ~/.claude.json") + run('claude -p "Fix it"'));
    const found = hits(reviewPair({ [WF]: [base, head] }), "workflow.agent-action");
    expect(found).toHaveLength(1);
    expect(found[0]!.message).toContain("trusted");
    // A step that only marks trust, the agent run elsewhere (a script): still an agent's trust.
    const alone = job(run("jq '.hasTrustDialogAccepted = true' ~/.claude.json > t && mv t ~/.claude.json") + run("./scripts/review.sh"));
    expect(hits(reviewPair({ [WF]: [job(run("./scripts/review.sh")), alone] }), "workflow.agent-action")).toHaveLength(1);
  });
});

describe("a written MCP config the review cannot place", () => {
  const write = (server: string) => run(`cat > "$RUNNER_TEMP/cfg/servers.json" <<'EOF'\n{"mcpServers": {"${server}": {"command": "npx", "args": ["-y", "@acme/${server}-mcp@1.0.0"]}}}\nEOF`);
  const cli = run('claude -p "Fix it" --mcp-config "$(ls $RUNNER_TEMP/cfg/*.json)"');
  it("goes to the agent that reads an MCP config file it cannot name", () => {
    expect(agent(wf(parse(WF, job(write("notes") + cli)).capabilities, "fix").attrs, "cli:claude").inputs.mcpServers).toEqual(["notes"]);
  });
  it("and is part of the job either way: another server in it is a change", () => {
    const lone = (server: string) => job(write(server) + claudeAction(""));
    const [a, b] = [wf(parse(WF, lone("notes")).capabilities, "fix"), wf(parse(WF, lone("shell")).capabilities, "fix")];
    expect(a.attrs.hiddenDigest).not.toBe(b.attrs.hiddenDigest);
  });
});
