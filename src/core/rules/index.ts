// Dispatch: each capability kind has one evaluator; every change gets at least one hit.
import type { CapabilityKind, Severity } from "../model.js";
import { hookRules, hookScriptRules } from "./hooks.js";
import { instructionsRules } from "./instructions.js";
import { mcpRules } from "./mcp.js";
import { permissionRules } from "./permissions.js";
import { marketplaceRules, pluginRules } from "./plugins.js";
import { ruleById } from "./registry.js";
import { settingsRules } from "./settings.js";
import { skillFileRules, skillRules } from "./skills.js";
import type { Evaluator, Hit, RawChange } from "./types.js";
import { workflowRules } from "./workflows.js";

const EVALUATORS: { [K in CapabilityKind]: Evaluator<K> } = {
  mcp_server: mcpRules,
  agent_setting: settingsRules,
  permission_rule: permissionRules,
  hook: hookRules,
  hook_script: hookScriptRules,
  plugin: pluginRules,
  marketplace: marketplaceRules,
  instructions: instructionsRules,
  skill: skillRules,
  skill_file: skillFileRules,
  workflow: workflowRules,
};

export function evaluate<K extends CapabilityKind>(change: RawChange<K>): Hit[] {
  return (EVALUATORS[change.kind] as Evaluator<K>)(change);
}

export function severityOf(hit: Hit): Severity {
  return hit.severity ?? ruleById(hit.rule)?.severity ?? "info";
}
