// GitHub workflows (`.github/workflows/*.yml`), local composite actions (`action.yml`) and GitHub
// Agentic Workflows (`.github/workflows/*.md`): one capability for the workflow level (triggers,
// top-level permissions) and one per job (effective token permissions, secrets, actions, agent
// actions and their power inputs, remote scripts, attacker-controlled expressions).
import type { Capability } from "../model.js";
import { isRecord } from "../parse/document.js";
import { parseYaml } from "../parse/yaml.js";
import { parseAgentic } from "./workflow-agentic.js";
import { JobScan, lineAt, type Ctx } from "./workflow-job.js";
import { jobCapabilities, levelCapability, tooManyJobs, workflowLevel } from "./workflow-level.js";
import { shapeProblem, typeName, withDocument, type Surface } from "./types.js";

export { isUnpinned } from "./workflow-job.js";

function parseWorkflowYaml(path: string, text: string) {
  return withDocument(parseYaml(path, text), (doc) => {
    const top = doc.value;
    if (top === null || top === undefined) return [];
    if (!isRecord(top)) return { capabilities: [], problems: [shapeProblem(path, doc.lineOf([]), `a workflow must be a mapping at the top level, found ${typeName(top)}`)] };
    const ctx: Ctx = { path, doc, lines: text.split("\n"), offset: 0 };
    if (/(^|\/)action\.ya?ml$/i.test(path)) return compositeAction(ctx, top);
    if (top.on === undefined && top.jobs === undefined) return [];
    const tooMany = tooManyJobs(ctx, top);
    if (tooMany) return { capabilities: [], problems: [tooMany] };
    const level = workflowLevel(ctx, top);
    return [levelCapability(ctx, level, top.on !== undefined ? lineAt(ctx, ["on"]) : 1), ...jobCapabilities(ctx, top, level, ["jobs"])];
  });
}

/** A local action: composite `runs.steps` run inside the caller's job, with its token and secrets. */
function compositeAction(ctx: Ctx, top: Record<string, unknown>): Capability[] {
  const runs = isRecord(top.runs) ? top.runs : undefined;
  if (!runs) return [];
  const key = `${ctx.path}#runs`;
  const scan = new JobScan(ctx, key);
  if (typeof runs.image === "string" && runs.image.startsWith("docker://")) scan.uses(runs.image, ["runs", "image"]);
  else if (!Array.isArray(runs.steps)) return [];
  scan.scanSecrets(runs, ["runs"]);
  scan.steps(runs.steps, ["runs", "steps"], {});
  // The caller's token: nothing is granted here, so nothing to compare.
  const attrs = scan.attrs(ctx.path, "runs", [], {});
  return [{ kind: "workflow", key, path: ctx.path, line: lineAt(ctx, ["runs"]), attrs, locations: scan.locations, ...scan.reach() }, ...scan.extra];
}

export const workflowSurface: Surface = {
  id: "workflow",
  description: "GitHub Actions workflows, local composite actions and agentic workflows (.md): triggers, token permissions, secrets, actions and agent actions in CI",
  patterns: [".github/workflows/*.yml", ".github/workflows/*.yaml", ".github/workflows/*.md", "**/action.yml", "**/action.yaml"],
  parse({ path, text }) {
    if (/\.md$/i.test(path)) return parseAgentic(path, text);
    return parseWorkflowYaml(path, text);
  },
};
