// Agent CLIs in `run:` steps are agent runs of the job: `cli:<agent>` uses with their power flags as
// inputs, through npx / bunx / pnpm dlx and through `bash -c '...'`. A mention is not a run: an
// install, `--version`, an `echo`, a here-document's body.
import { readShell } from "../../src/core/surfaces/workflow-shell.js";
import { agentClisIn } from "../../src/core/surfaces/workflow-cli.js";
import { expectNoBlowUp, fixture, lineOf } from "../helpers.js";
import { parse, wf } from "./workflow-util.js";

const WF = ".github/workflows/agent.yml";
const uses = (script: string) => agentClisIn(script).uses.map((u) => ({ action: u.action, inputs: u.inputs }));

describe("agent CLIs in run steps", () => {
  it("each CLI with its power flags as inputs, the prompt left out", () => {
    expect(uses('copilot --allow-all-tools --allow-all-paths -p "Triage the new issue"')).toEqual([
      { action: "cli:copilot", inputs: { "--allow-all-tools": true, "--allow-all-paths": true } },
    ]);
    expect(uses('claude -p --dangerously-skip-permissions "Fix the failing test"')).toEqual([{ action: "cli:claude", inputs: { dangerouslySkipPermissions: true } }]);
    expect(uses('claude -p "Summarise the diff" --allowedTools "Read,Bash(git diff:*)" --model claude-sonnet-4-5')).toEqual([
      { action: "cli:claude", inputs: { allowedTools: ["Bash(git diff:*)", "Read"] } },
    ]);
    expect(uses('codex exec --full-auto "Update the snapshots"')).toEqual([{ action: "cli:codex", inputs: { "--full-auto": true } }]);
    expect(uses("codex exec --dangerously-bypass-approvals-and-sandbox --skip-git-repo-check 'fix lint'")).toEqual([
      { action: "cli:codex", inputs: { "--dangerously-bypass-approvals-and-sandbox": true, "--skip-git-repo-check": true } },
    ]);
    expect(uses('codex -m gpt-5-codex exec -s danger-full-access "go"')).toEqual([{ action: "cli:codex", inputs: { sandbox: "danger-full-access" } }]);
    expect(uses('gemini --yolo -p "Label this issue"')).toEqual([{ action: "cli:gemini", inputs: { "--yolo": true } }]);
    expect(uses('gemini -y --prompt "x"')).toEqual([{ action: "cli:gemini", inputs: { "--yolo": true } }]);
    expect(uses('opencode run "Write the changelog"')).toEqual([{ action: "cli:opencode", inputs: {} }]);
    expect(uses('aider --yes-always --message "Bump the version" src/version.ts')).toEqual([{ action: "cli:aider", inputs: { "--yes-always": true } }]);
    expect(uses('cursor-agent -p --force "Refactor utils.ts"')).toEqual([{ action: "cli:cursor-agent", inputs: { "--force": true } }]);
  });

  it("through a package runner or a full path", () => {
    expect(uses('npx -y @anthropic-ai/claude-code@2.0.14 -p "Review" --dangerously-skip-permissions')).toEqual([{ action: "cli:claude", inputs: { dangerouslySkipPermissions: true } }]);
    expect(uses('npx --yes @openai/codex exec --full-auto "fix"')).toEqual([{ action: "cli:codex", inputs: { "--full-auto": true } }]);
    expect(uses('bunx @google/gemini-cli@latest --yolo -p "triage"')).toEqual([{ action: "cli:gemini", inputs: { "--yolo": true } }]);
    expect(uses('pnpm dlx @anthropic-ai/claude-code -p "Review"')).toEqual([{ action: "cli:claude", inputs: {} }]);
    expect(uses('./node_modules/.bin/claude -p "Review"')).toEqual([{ action: "cli:claude", inputs: {} }]);
    expect(uses('ANTHROPIC_MODEL=claude-opus-4 timeout 20m claude -p "Review"')).toEqual([{ action: "cli:claude", inputs: {} }]);
    // A bundle built in the job and run by node (as gemini-cli's own repository runs it).
    expect(uses('node bundle/gemini.js --policy ci/policy.toml --prompt="$(cat prompt.md)"')).toEqual([{ action: "cli:gemini", inputs: { "--policy": ["ci/policy.toml"] } }]);
  });

  it("inside `bash -c '...'` (as compiled agentic workflows run it), and with a line's continuations", () => {
    const nested = "sudo -E awf --env-all --container-workdir \"${GITHUB_WORKSPACE}\" -- /bin/bash -c 'set +o histexpand; \"$NODE\" \"${RUNNER_TEMP}/harness.cjs\" /usr/local/bin/copilot --add-dir /tmp/work/ --log-level all --disable-builtin-mcps --allow-all-tools --prompt-file /tmp/prompt.txt' 2>&1 | tee -a /tmp/agent.log";
    expect(uses(nested)).toEqual([{ action: "cli:copilot", inputs: { "--add-dir": ["/tmp/work/"], "--allow-all-tools": true, "--disable-builtin-mcps": true } }]);
    expect(uses('claude -p \\\n  --permission-mode acceptEdits \\\n  "Apply the review comments"')).toEqual([{ action: "cli:claude", inputs: { permissionMode: "acceptEdits" } }]);
    // `${X:+--flag "$X"}` (spaces and quotes inside an expansion) is read as one word, not the end of parsing.
    const expansion = nested.replace("-- /bin/bash", '${TOOL_MOUNT:+--mount "$TOOL_MOUNT"} -- /bin/bash');
    expect(uses(expansion)).toEqual(uses(nested));
  });

  it("a mention is not a run", () => {
    for (const script of [
      "npm install -g @anthropic-ai/claude-code@2.0.14",
      "claude --version",
      "claude mcp list",
      "codex login --api-key \"$OPENAI_API_KEY\"",
      "gemini extensions install https://github.com/acme/gemini-ext",
      'echo "Run claude -p --dangerously-skip-permissions to try it"',
      "which copilot && copilot --version",
      "cat > prompt.md <<'EOF'\nThen run codex exec --dangerously-bypass-approvals-and-sandbox on it.\nEOF",
      "pip install aider-chat==0.86.1",
      "# claude -p --dangerously-skip-permissions",
    ]) {
      expect({ script, uses: uses(script) }).toEqual({ script, uses: [] });
    }
  });

  it("the job records them as its agent uses, at the command's line", () => {
    const text = fixture("workflow/cli-agents.yml");
    const caps = parse(WF, text).capabilities;
    const triage = wf(caps, "triage");
    expect(triage.attrs.agentActions.map((u) => u.action)).toEqual(["cli:gemini"]);
    expect(triage.locations!["agentActions:cli:gemini"]!.line).toBe(lineOf(text, "gemini --yolo"));
    const fix = wf(caps, "fix");
    expect(fix.attrs.agentActions.map((u) => u.action).sort()).toEqual(["cli:claude", "cli:codex"]);
    expect(fix.locations!["agentActions:cli:codex"]!.line).toBe(lineOf(text, "codex exec"));
    // The prompt is the agent's instructions, a capability of its own; the job's digest binds it too
    // (an approval of the agent is one of its prompt), its inputs do not change.
    const other = parse(WF, text.replace("Fix the failing test", "Fix every failing test")).capabilities;
    expect(wf(other, "fix").attrs.agentActions).toEqual(fix.attrs.agentActions);
    expect(wf(other, "fix").attrs.hiddenDigest).not.toBe(fix.attrs.hiddenDigest);
    const prompt = (c: typeof caps) => c.find((x) => x.kind === "instructions" && x.key === `${WF}#jobs.fix.cli:claude.prompt`);
    expect(prompt(caps)?.line).toBe(lineOf(text, "npx -y @anthropic-ai/claude-code"));
    expect(prompt(other)?.attrs).not.toEqual(prompt(caps)?.attrs);
  });

  it("reads a script in linear time", () => {
    const statements = (n: number) => 'claude -p "Review the diff" --allowedTools Read\necho "a \\"quoted\\" $(date) `x`"\n'.repeat(n);
    expectNoBlowUp(statements, agentClisIn, 200, 4000);
    const quoted = (n: number) => `claude -p "${"x $( ' `".repeat(n)}`;
    expectNoBlowUp(quoted, agentClisIn, 200, 4000);
    const heredocs = (n: number) => "cat <<EOF\nclaude -p\n".repeat(n);
    expectNoBlowUp(heredocs, (s: string) => readShell(s), 200, 4000);
  });
});
