// Workflow rules over a real workflow from a public repository (../shared/corpus).
import { hits, reviewPair } from "../review-helpers.js";
import { codexJob, WF, workflow } from "../rules/workflows-util.js";
import { corpusText } from "./files.js";

describe("workflow rules", () => {
  it("workflow.agent-open-trigger: fires on claude-code's issue triage as a new file", () => {
    const text = corpusText("anthropics__claude-code/.github/workflows/claude-issue-triage.yml");
    const v = reviewPair({ ".github/workflows/claude-issue-triage.yml": [undefined, text] });
    const open = hits(v, "workflow.agent-open-trigger");
    expect(open).toHaveLength(1);
    expect(open[0]!.line).toBe(37);
    const triggers = hits(v, "workflow.pull-request-target");
    expect(triggers).toHaveLength(1); // issues + issue_comment: one finding for the workflow
    expect(triggers[0]!.message).toContain("issue_comment");
    expect(triggers[0]!.line).toBe(3);
    expect(hits(v, "workflow.agent-action")).toHaveLength(1);
    const codex = hits(reviewPair({ [WF]: [workflow("push", codexJob("")), workflow("push", codexJob('          allow-users: "*"\n'))] }), "workflow.agent-open-trigger");
    expect(codex).toHaveLength(1);
  });
});
