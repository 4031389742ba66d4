// What the workflow surface's tests share, unit (test/surfaces) and corpus (test/corpus).
import type { Capability, CapabilityOf, WorkflowAttrs } from "../../src/core/model.js";
import { workflowSurface } from "../../src/core/surfaces/workflow.js";

export type Wf = CapabilityOf<"workflow">;
export const parse = (path: string, text: string) => workflowSurface.parse({ path, text });
/** The workflow capability of `job`, or of the workflow itself without one (fails loudly). */
export const wf = (caps: Capability[], job?: string): Wf => {
  const c = caps.find((x): x is Wf => x.kind === "workflow" && x.attrs.job === job);
  if (!c) throw new Error(`no workflow capability for job ${job}`);
  return c;
};
/** The agent action `action` of a job's attributes. */
export const agent = (a: WorkflowAttrs, action: string) => a.agentActions.find((u) => u.action === action)!;
