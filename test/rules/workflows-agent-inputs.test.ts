// Agent action inputs judged for what the agent may do (after zizmor's agentic-actions audit, in our
// own terms): run-gemini-cli always runs `--yolo`, so without a `tools.core` restriction, or with a
// bare run_shell_command in it, it runs any shell command; Claude's `Bash` / `Bash(*)` likewise. And
// an agent with no check of its own, on events anyone can cause, with no `if:` on who caused them.
import { hits, reviewPair } from "../review-helpers.js";
import { WF } from "./workflows-util.js";

const SHA = "0123456789abcdef0123456789abcdef01234567";
const wf = (on: string, step: string, jobIf = "") =>
  `name: agent\non:\n${on}jobs:\n  agent:\n${jobIf ? `    if: ${jobIf}\n` : ""}    runs-on: ubuntu-24.04\n    permissions:\n      contents: read\n      issues: write\n    steps:\n      - uses: actions/checkout@v5\n${step}`;
const DISPATCH = "  workflow_dispatch:\n";
const gemini = (settings: object | undefined) =>
  `      - uses: google-github-actions/run-gemini-cli@${SHA}\n        with:\n          gemini_api_key: \${{ secrets.GEMINI_API_KEY }}\n          prompt: Triage the issue.\n` +
  (settings ? `          settings: |-\n            ${JSON.stringify(settings)}\n` : "");
const claude = (inputs: string) => `      - uses: anthropics/claude-code-action@${SHA}\n        with:\n          prompt: Triage the issue.\n${inputs}`;
const agentAction = (base: string, head: string) => hits(reviewPair({ [WF]: [base, head] }), "workflow.agent-action");
const added = (head: string) => agentAction(wf(DISPATCH, ""), head);

describe("Gemini: always --yolo, so tools.core is its only restriction", () => {
  it("without tools.core, or with a bare run_shell_command in it, it runs any shell command: critical", () => {
    for (const settings of [undefined, { model: { maxSessionTurns: 20 } }, { tools: { core: ["read_file", "run_shell_command"] } }, { coreTools: ["run_shell_command"] }]) {
      const found = added(wf(DISPATCH, gemini(settings)));
      expect({ settings, severity: found[0]?.severity }).toEqual({ settings, severity: "critical" });
      expect(found[0]!.message).toContain("any shell command");
    }
  });

  it("with tools.core naming only restricted commands, or shell excluded: high, as any new agent", () => {
    for (const settings of [{ tools: { core: ["read_file", "run_shell_command(cat)", "run_shell_command(gh issue edit)"] } }, { tools: { exclude: ["run_shell_command"] } }]) {
      expect(added(wf(DISPATCH, gemini(settings))).map((f) => f.severity)).toEqual(["high"]);
    }
  });

  it("losing the restriction, gaining run_shell_command, or sandbox: false is a widening", () => {
    const restricted = wf(DISPATCH, gemini({ tools: { core: ["read_file", "run_shell_command(cat)"] } }));
    const lost = agentAction(restricted, wf(DISPATCH, gemini({ model: { maxSessionTurns: 20 } })));
    expect(lost.map((f) => f.severity)).toEqual(["critical"]);
    expect(lost[0]!.message).toContain("coreTools restriction removed");
    const shell = agentAction(restricted, wf(DISPATCH, gemini({ tools: { core: ["read_file", "run_shell_command(cat)", "run_shell_command"] } })));
    expect(shell.map((f) => f.severity)).toEqual(["critical"]);
    const sandbox = agentAction(restricted, wf(DISPATCH, gemini({ tools: { core: ["read_file", "run_shell_command(cat)"], sandbox: false } })));
    expect(sandbox.map((f) => f.severity)).toEqual(["critical"]);
    // Narrowing is not reported as an escalation.
    expect(agentAction(wf(DISPATCH, gemini(undefined)), restricted)).toEqual([]);
  });
});

describe("Settings that grant the agent nothing are no gain of power", () => {
  const restricted = { tools: { core: ["read_file", "run_shell_command(gh issue view)"] } };
  const raw = (settings: string) =>
    `      - uses: google-github-actions/run-gemini-cli@${SHA}\n        with:\n          prompt: Triage the issue.\n          settings: |-\n${settings.split("\n").map((l) => `            ${l}`).join("\n")}\n`;

  it("a turn limit, the model, debug output and local telemetry added: no finding; the step's approval still binds them", () => {
    const base = wf(DISPATCH, gemini(restricted));
    const quiet = { ...restricted, model: { maxSessionTurns: 25 }, maxSessionTurns: 30, debug: true, telemetry: { enabled: true, target: "local", outfile: ".gemini/telemetry.log" } };
    expect(agentAction(base, wf(DISPATCH, gemini(quiet)))).toEqual([]);
    // Not silent as a change: the job's digest moved, so an approval of the base does not cover it.
    const v = reviewPair({ [WF]: [base, wf(DISPATCH, gemini(quiet))] });
    expect(v.findings.length).toBeGreaterThan(0);
  });

  it("telemetry that sends prompts or data out still counts", () => {
    const base = wf(DISPATCH, gemini(restricted));
    const out = agentAction(base, wf(DISPATCH, gemini({ ...restricted, telemetry: { enabled: true, otlpEndpoint: "https://collector.example.test", logPrompts: true } })));
    expect(out).toHaveLength(1);
    expect(out[0]!.message).toContain("telemetry.otlpEndpoint=https://collector.example.test");
    expect(out[0]!.message).toContain("telemetry.logPrompts=true");
    expect(out[0]!.message).not.toContain("telemetry.enabled");
  });

  it("settings JSON with a workflow expression where a value goes is read as JSON, not as an opaque blob", () => {
    const json = (extra: string) => `{\n  "debug": \${{ fromJSON(vars.DEBUG || false) }},\n  "model": { "maxSessionTurns": 50 },\n  "telemetry": { "enabled": \${{ vars.PROJECT != '' }}, "target": "gcp" },\n  "tools": { "core": ["read_file", "run_shell_command(gh issue view)"${extra}] }\n}`;
    const base = wf(DISPATCH, gemini(restricted));
    expect(agentAction(base, wf(DISPATCH, raw(json(""))))).toEqual([]);
    // Read as JSON, the tool list is judged: a bare shell added is critical, as without the expressions.
    const shell = agentAction(base, wf(DISPATCH, raw(json(', "run_shell_command"'))));
    expect(shell.map((f) => f.severity)).toEqual(["critical"]);
    expect(shell[0]!.message).toContain("any shell command");
    // A `${{` inside a string stays that string; text that is not JSON even so is still an opaque value.
    const broken = agentAction(base, wf(DISPATCH, raw('{ "model": \${{ vars.M }, "x": 1 }')));
    expect(broken.map((f) => f.severity)).toEqual(["critical"]); // unreadable settings: no tools.core known, so any shell
  });
});

describe("Claude: Bash or Bash(*) allowed is any shell command", () => {
  it("critical in allowed_tools and in claude_args --allowedTools; a scoped Bash rule is not", () => {
    expect(added(wf(DISPATCH, claude('          allowed_tools: "Read,Bash"\n'))).map((f) => f.severity)).toEqual(["critical"]);
    expect(added(wf(DISPATCH, claude('          claude_args: --allowedTools "Edit,Bash(*)"\n'))).map((f) => f.severity)).toEqual(["critical"]);
    expect(added(wf(DISPATCH, claude('          claude_args: --allowedTools "Edit,Bash(npm test:*)"\n'))).map((f) => f.severity)).toEqual(["high"]);
  });

  it("a deny list removed is a widening", () => {
    const base = wf(DISPATCH, claude('          claude_args: --disallowedTools "WebFetch"\n'));
    const found = agentAction(base, wf(DISPATCH, claude("          claude_args: --max-turns 5\n")));
    expect(found).toHaveLength(1);
    expect(found[0]!.message).toContain("disallowedTools restriction removed");
  });
});

describe("an agent anyone can trigger, with no check of who did", () => {
  const open = (base: string, head: string) => hits(reviewPair({ [WF]: [base, head] }), "workflow.agent-open-trigger");
  const ON_COMMENT = "  issue_comment:\n    types: [created]\n";
  const restricted = gemini({ tools: { core: ["run_shell_command(gh issue edit)"] } });

  it("an agent without its own check, on comments from anyone: high, on the trigger", () => {
    const found = open(wf(DISPATCH, restricted), wf(ON_COMMENT, restricted));
    expect(found).toHaveLength(1);
    expect(found[0]!.severity).toBe("high");
    expect(found[0]!.message).toContain("issue_comment");
    // An agent CLI has no check of its own either.
    const cli = '      - run: claude -p "Answer the comment" --allowedTools Read\n';
    expect(open(wf(DISPATCH, cli), wf(ON_COMMENT, cli))).toHaveLength(1);
  });

  it("a check on the actor or their association in the job's or step's if: is a gate; removing it opens the agent", () => {
    const gate = "contains(fromJSON('[\"OWNER\",\"MEMBER\",\"COLLABORATOR\"]'), github.event.comment.author_association)";
    expect(open(wf(DISPATCH, restricted), wf(ON_COMMENT, restricted, gate))).toEqual([]);
    const stepGate = restricted.replace("        with:", `        if: github.actor == 'release-bot'\n        with:`);
    expect(open(wf(DISPATCH, stepGate), wf(ON_COMMENT, stepGate))).toEqual([]);
    expect(open(wf(ON_COMMENT, restricted, gate), wf(ON_COMMENT, restricted))).toHaveLength(1);
  });

  it("claude-code-action and codex-action check the actor's write access themselves", () => {
    const c = claude("");
    expect(open(wf(DISPATCH, c), wf(ON_COMMENT, c))).toEqual([]);
  });

  it("events only maintainers cause (labels, assignments) are no opening; pull_request from a fork is medium", () => {
    const labeled = "  issues:\n    types: [labeled]\n";
    expect(open(wf(DISPATCH, restricted), wf(labeled, restricted))).toEqual([]);
    const opened = "  issues:\n    types: [opened, labeled]\n";
    expect(open(wf(DISPATCH, restricted), wf(opened, restricted))).toHaveLength(1);
    const pr = open(wf(DISPATCH, restricted), wf("  pull_request:\n", restricted));
    expect(pr.map((f) => f.severity)).toEqual(["medium"]);
    const sameRepo = "github.event.pull_request.head.repo.full_name == github.repository";
    expect(open(wf(DISPATCH, restricted), wf("  pull_request:\n", restricted, sameRepo))).toEqual([]);
  });
});

describe("the check that keeps an agent closed", () => {
  it("is part of the job: another condition there is a change to read, not nothing", () => {
    const restricted = gemini({ tools: { core: ["run_shell_command(gh issue edit)"] } });
    const on = "  issue_comment:\n    types: [created]\n";
    const before = wf(on, restricted, "github.event.comment.author_association == 'OWNER'");
    const after = wf(on, restricted, "github.event.comment.author_association == 'OWNER' || github.actor == github.actor");
    const v = reviewPair({ [WF]: [before, after] });
    expect(v.changes.filter((c) => c.key.endsWith("#jobs.agent"))).toHaveLength(1);
  });
});

describe("a check in a job the agent's job needs", () => {
  const on = "  issue_comment:\n    types: [created]\n";
  const restricted = gemini({ tools: { core: ["run_shell_command(gh issue edit)"] } });
  const withCheck = (check: string, agentIf = "") =>
    `name: agent\non:\n${on}jobs:\n  check:\n${check}    runs-on: ubuntu-24.04\n    steps:\n      - run: echo ok\n  agent:\n    needs: check\n${agentIf ? `    if: ${agentIf}\n` : ""}    runs-on: ubuntu-24.04\n    steps:\n${restricted}`;
  const open = (head: string) => hits(reviewPair({ [WF]: [wf(DISPATCH, restricted), head] }), "workflow.agent-open-trigger");
  const gate = "    if: contains(fromJSON('[\"OWNER\",\"MEMBER\"]'), github.event.comment.author_association)\n";

  it("gates it: a skipped job skips the jobs that need it", () => {
    expect(open(withCheck(gate))).toEqual([]);
    // Through a chain, as compiled agentic workflows check roles: pre_activation → activation → agent.
    const ghAw = `name: agent\non:\n${on}jobs:\n  pre_activation:\n    runs-on: ubuntu-24.04\n    steps:\n      - run: echo check\n  activation:\n    needs: pre_activation\n    if: needs.pre_activation.outputs.activated == 'true'\n    runs-on: ubuntu-24.04\n    steps:\n      - run: echo go\n  agent:\n    needs: activation\n    runs-on: ubuntu-24.04\n    steps:\n${restricted}`;
    expect(open(ghAw)).toEqual([]);
  });

  it("unless the agent's job runs whatever the needed job did (always(), failure())", () => {
    expect(open(withCheck(gate, "always()"))).toHaveLength(1);
    expect(open(withCheck(""))).toHaveLength(1);
  });
});
