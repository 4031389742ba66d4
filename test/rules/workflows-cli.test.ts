// Agent CLIs in `run:` steps are judged like agent actions: a new one is workflow.agent-action, one
// with flags that let it do anything unattended is critical, a power flag added is a widening.
import { escalations, hits, reviewPair } from "../review-helpers.js";
import { WF } from "./workflows-util.js";

const job = (script: string, perms = "contents: read") =>
  `name: agent\non:\n  workflow_dispatch:\njobs:\n  agent:\n    runs-on: ubuntu-24.04\n    permissions:\n      ${perms}\n    steps:\n      - uses: actions/checkout@v5\n      - run: |\n${script.split("\n").map((l) => `          ${l}`).join("\n")}\n`;
const agentHits = (base: string, head: string) => hits(reviewPair({ [WF]: [job(base), job(head)] }), "workflow.agent-action");

describe("agent CLIs in run steps", () => {
  it("a new run is workflow.agent-action, critical with the flags that allow everything", () => {
    const cases: [string, string][] = [
      ['claude -p --dangerously-skip-permissions "Fix the build"', "critical"],
      ['claude -p "Fix the build" --permission-mode bypassPermissions', "critical"],
      ['copilot --allow-all-tools -p "Triage"', "critical"],
      ['copilot --yolo -p "Triage"', "critical"],
      ['gemini --yolo -p "Triage"', "critical"],
      ['gemini --approval-mode yolo -p "Triage"', "critical"],
      ["codex exec --dangerously-bypass-approvals-and-sandbox 'fix'", "critical"],
      ["codex exec -s danger-full-access 'fix'", "critical"],
      ["codex exec -c 'sandbox_mode=\"danger-full-access\"' 'fix'", "critical"],
      ['aider --yes-always --message "bump"', "critical"],
      ['cursor-agent -p --force "refactor"', "critical"],
      ['codex exec --full-auto "fix"', "high"],
      ['claude -p "Summarise the diff" --allowedTools Read', "high"],
      ['opencode run "changelog"', "high"],
    ];
    for (const [script, severity] of cases) {
      const found = agentHits("make test", `make test\n${script}`);
      expect({ script, severities: found.map((f) => f.severity) }).toEqual({ script, severities: [severity] });
      expect(found[0]!.message).toContain("cli:");
    }
  });

  it("a power flag added to an existing run is a widening; the prompt reworded is not", () => {
    const widened = agentHits('copilot -p "Triage"', 'copilot --allow-all-tools -p "Triage"');
    expect(widened).toHaveLength(1);
    expect(widened[0]!.severity).toBe("critical");
    expect(widened[0]!.message).toContain("--allow-all-tools");
    const tools = agentHits('claude -p "Review" --allowedTools Read', 'claude -p "Review" --allowedTools "Read,Bash"');
    expect(tools).toHaveLength(1);
    expect(tools[0]!.severity).toBe("critical");
    expect(escalations(reviewPair({ [WF]: [job('claude -p "Review the diff"'), job('claude -p "Review the diff, briefly"')] }))).toEqual([]);
  });

  it("a workflow that runs an agent CLI is an agent workflow: its CI findings count in full", () => {
    const base = job('claude -p "Review"');
    const head = job('claude -p "Review"', "contents: write");
    expect(hits(reviewPair({ [WF]: [base, head] }), "workflow.permissions-escalated")[0]!.severity).toBe("high");
    const plain = (perms: string) => job("make test", perms);
    expect(hits(reviewPair({ [WF]: [plain("contents: read"), plain("contents: write")] }), "workflow.permissions-escalated")[0]!.severity).toBe("low");
  });
});
