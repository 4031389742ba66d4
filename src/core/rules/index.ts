// Dispatch: each capability kind has one evaluator; every change gets at least one hit.
import type { Severity } from "../model.js";
import { hookRules } from "./hooks.js";
import { mcpRules } from "./mcp.js";
import { permissionRules } from "./permissions.js";
import { marketplaceRules, pluginRules } from "./plugins.js";
import { ruleById } from "./registry.js";
import { settingsRules } from "./settings.js";
import { instructionsRules } from "./instructions.js";
import { skillFileRules, skillRules } from "./skills.js";
import { workflowRules } from "./workflows.js";
import type { Hit, RawChange } from "./types.js";

export function evaluate(change: RawChange): Hit[] {
  switch (change.kind) {
    case "mcp_server":
      return mcpRules(change as RawChange<"mcp_server">);
    case "agent_setting":
      return settingsRules(change as RawChange<"agent_setting">);
    case "permission_rule":
      return permissionRules(change as RawChange<"permission_rule">);
    case "hook":
      return hookRules(change as RawChange<"hook">);
    case "plugin":
      return pluginRules(change as RawChange<"plugin">);
    case "marketplace":
      return marketplaceRules(change as RawChange<"marketplace">);
    case "instructions":
      return instructionsRules(change as RawChange<"instructions">);
    case "skill":
      return skillRules(change as RawChange<"skill">);
    case "skill_file":
      return skillFileRules(change as RawChange<"skill_file">);
    case "workflow":
      return workflowRules(change as RawChange<"workflow">);
  }
}

export function severityOf(hit: Hit): Severity {
  return hit.severity ?? ruleById(hit.rule)?.severity ?? "info";
}
