// Every rule the engine can report: stable id, default severity and the explanation that
// `capability-review explain` and the reports show. Ids never change meaning once released.
import { MCP_RULES } from "./mcp.js";
import { SETTINGS_RULES } from "./settings.js";
import { PERMISSION_RULES } from "./permissions.js";
import { HOOK_RULES } from "./hooks.js";
import { PLUGIN_RULES } from "./plugins.js";
import { INSTRUCTIONS_RULES } from "./instructions.js";
import { SKILL_RULES } from "./skills.js";
import { WORKFLOW_RULES } from "./workflows.js";
import { rule, type RuleDef } from "./types.js";

export type { RuleDef };

/** Rules of the engine itself: files it cannot read, the policy, and changes no family names. */
const CORE_RULES: readonly RuleDef[] = [
  rule("file.parse-error", "high", "Capability file does not parse",
    "A capability file could not be parsed, so its capabilities are unknown. The review fails closed: fix the syntax (the line is given) so the change can be reviewed. This finding cannot be turned off or lowered by policy."),
  rule("file.unreadable", "high", "Capability file unreadable",
    "A capability file is binary, not UTF-8, too large (over 1 MiB) or could not be fetched, so it was not analysed. The review fails closed. This finding cannot be turned off or lowered by policy."),
  rule("file.not-analysed", "high", "Agent file no parser reads",
    "The pull request adds, changes or removes a file in an agent's folder or at an agent file's path (`.cursor/`, `.claude/`, `.codex/`...) of a kind this tool does not parse, so what it lets the agent do is unknown. Read the file as the agent would: an approval binds to its exact content (another push of it needs another approval). High, lower only where the file says no agent loads it: medium for a removed file, runtime data in an agent's folder (`sessions/`, `logs/`, `cache/`), example configurations (`settings.example.json`) and test files in a test folder, low for git's own files (`.gitignore`). It cannot be turned off or lowered by policy; if the path is not an agent file at all, exclude it with `paths.exclude` on the base branch."),
  rule("file.case-collision", "high", "Agent file paths differ only by case",
    "Two paths of the head tree differ only by case (`.mcp.json` and `.MCP.json`, `.claude/` and `.Claude/`). A case-insensitive checkout (macOS, Windows) holds only one of them, and which one depends on the checkout, so what the agent reads there cannot be reviewed. The review fails closed: keep one spelling. This finding cannot be turned off, lowered or approved."),
  rule("policy.denied", "critical", "Capability on the policy's deny list",
    "The pull request adds or changes a capability that the repository policy denies: a plugin or marketplace in `deny.marketplaces`, an MCP server whose package is in `deny.mcp_packages` or whose host is in `deny.mcp_hosts`, or a workflow using an action in `deny.actions`. The entry and its reason are named. A denial fails the check in every mode and cannot be approved, allowed, turned off or lowered; remove the capability, or change the deny list on the base branch first (which is itself reviewed as a policy change)."),
  rule("policy.allow-expired", "low", "Policy allow entry expired",
    "A finding would have been allowed by an `allow` entry whose `expires` date has passed, so it now counts again. This explains why something that used to pass now needs approval: renew the entry with a new date on the base branch if the trust still holds, or remove the capability."),
  rule("policy.changed", "high", "Review policy changed",
    "The pull request edits the review policy (`.github/capability-review.yml`). The PR itself is still judged by the base branch's policy, but once merged the new one judges every later PR. High when the edit loosens anything: `fail_on` moved to a less strict severity, `mode: warn`, allow entries added or their expiry extended, deny entries removed, rules turned off or lowered, paths excluded or no longer included, approvers added or their minimum lowered. Tightening edits are reported for information. Check that whoever approves this may decide the repository's review policy."),
  rule("capability.changed", "low", "Capability changed",
    "A capability changed in a way no specific rule classifies as an escalation (for example a description, timeout or a narrower setting). Shown for completeness."),
  rule("capability.removed", "info", "Capability removed or reduced",
    "A capability was removed or narrowed. Removals reduce what the agent can do and need no approval."),
];

export const RULES: readonly RuleDef[] = [
  ...MCP_RULES,
  ...SETTINGS_RULES,
  ...PERMISSION_RULES,
  ...HOOK_RULES,
  ...PLUGIN_RULES,
  ...INSTRUCTIONS_RULES,
  ...SKILL_RULES,
  ...WORKFLOW_RULES,
  ...CORE_RULES,
];

const BY_ID = new Map(RULES.map((r) => [r.id, r]));

export function ruleById(id: string): RuleDef | undefined {
  return BY_ID.get(id);
}

/**
 * Rules that fail the check whatever the policy says, also in `mode: warn`, and that no allow
 * list or approval clears: unknown content is never a pass, and a denial is final.
 */
export const FAIL_CLOSED_RULES = new Set(["file.parse-error", "file.unreadable", "file.case-collision", "policy.denied"]);

/**
 * Rules the policy's `rules:` may not mention at all (rejected by the schema, not ignored). A file
 * no parser reads may be approved (the approval binds its content) but never switched off.
 */
export const UNTUNABLE_RULES: ReadonlySet<string> = new Set([...FAIL_CLOSED_RULES, "file.not-analysed", "workflow.unscanned"]);
