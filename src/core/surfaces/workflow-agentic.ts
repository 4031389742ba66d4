// GitHub Agentic Workflows (`gh aw`, `.github/workflows/*.md`): YAML front matter (`on`,
// `permissions`, `tools`, `network`, `safe-outputs`) and a Markdown body that is the agent's prompt.
import type { Capability, Client } from "../model.js";
import { isRecord } from "../parse/document.js";
import { parseYaml } from "../parse/yaml.js";
import { embeddedInstructions } from "./instructions.js";
import { ghAwAgent } from "./workflow-agents.js";
import { JobScan, lineAt, type Ctx } from "./workflow-job.js";
import { jobCapabilities, jobPermissions, levelCapability, tooManyJobs, workflowLevel } from "./workflow-level.js";
import { expressions, injectionsIn, MAX_SCAN, secretsInExpression, unscannedTail } from "./workflow-steps.js";
import { shapeProblem, typeName, withDocument } from "./types.js";

/** YAML front matter between `---` lines: its text, the line it starts on, and where the body starts. */
function frontMatter(text: string): { yaml: string; firstLine: number; bodyLine: number; body: string } | undefined {
  const lines = text.split("\n");
  if (!/^---\s*$/.test(lines[0]?.replace(/^\uFEFF/, "") ?? "")) return undefined;
  const end = lines.findIndex((l, i) => i > 0 && /^(---|\.\.\.)\s*$/.test(l));
  if (end < 0) return undefined;
  return { yaml: lines.slice(1, end).join("\n"), firstLine: 2, bodyLine: end + 2, body: lines.slice(end + 1).join("\n") };
}

/** GitHub Agentic Workflow: front matter (`on`, `permissions`, `tools`, `network`, `safe-outputs`), body = prompt. */
export function parseAgentic(path: string, text: string) {
  const fm = frontMatter(text);
  if (!fm) return { capabilities: [], problems: [] };
  const parsed = parseYaml(path, fm.yaml);
  if (!parsed.ok) return { capabilities: [], problems: [{ ...parsed.problem, line: parsed.problem.line + fm.firstLine - 1 }] };
  return withDocument(parsed, (doc) => {
    const top = doc.value;
    if (top === null || top === undefined) return [];
    if (!isRecord(top)) return { capabilities: [], problems: [shapeProblem(path, fm.firstLine, `agentic workflow front matter must be a mapping, found ${typeName(top)}`)] };
    if (top.on === undefined) return [];
    const ctx: Ctx = { path, doc, lines: text.split("\n"), offset: fm.firstLine - 1 };
    const tooMany = tooManyJobs(ctx, top);
    if (tooMany) return { capabilities: [], problems: [tooMany] };
    const level = workflowLevel(ctx, top);
    const key = `${path}#jobs.agent`;
    const scan = new JobScan(ctx, key);
    for (const t of level.triggers) scan.loc("triggers", t, level.locations[`triggers:${t}`]?.line ?? 1);
    const permissions = jobPermissions(ctx, {}, ["on"], level, scan);
    scan.scanSecrets(top, []);
    scan.agent(ghAwAgent(top), ["on"], []);
    for (const t of ["tools", "network", "safe-outputs", "engine", "roles"]) {
      if (top[t] !== undefined) scan.loc("agentActions", `gh-aw.${t}`, () => lineAt(ctx, [t]));
    }
    scan.steps(top.steps, ["steps"], {});
    scan.steps(top["post-steps"], ["post-steps"], {});
    for (const name of expressions(fm.body).flatMap(secretsInExpression)) {
      scan.secrets.add(name);
      scan.loc("secrets", name, fm.bodyLine);
    }
    const tail = unscannedTail(fm.body, { downloads: false });
    if (tail) scan.notScanned(`prompt text past the first ${MAX_SCAN.toLocaleString("en-US")} characters`, ["body"], tail, fm.bodyLine + tail.lineOffset);
    // The body is the agent's prompt: whitespace folded, it enters the job's digest (an approval of the
    // agent binds it), and it is its instructions, reviewed as instruction text.
    scan.hidden.push(`prompt:${fm.body.replace(/\s+/g, " ").trim()}`);
    const engine = typeof top.engine === "string" ? top.engine : isRecord(top.engine) ? top.engine.id : undefined;
    const client: Client = engine === "claude" || engine === "codex" || engine === "gemini" ? engine : "copilot";
    scan.extra.push(embeddedInstructions(path, "prompt", fm.bodyLine, fm.body, "agentic-workflow", client, null));
    for (const { expr, lineOffset } of injectionsIn(fm.body)) {
      const item = `${expr} in prompt of gh-aw`;
      scan.injections.add(item);
      scan.loc("injections", item, fm.bodyLine + lineOffset);
    }
    const agentCap: Capability = {
      kind: "workflow", key, path, line: lineAt(ctx, ["on"]), attrs: scan.attrs(path, "agent", level.triggers, permissions), locations: scan.locations, ...scan.reach(),
    };
    return [levelCapability(ctx, level, lineAt(ctx, ["on"])), agentCap, ...scan.extra, ...jobCapabilities(ctx, top, level, ["jobs"])];
  });
}
