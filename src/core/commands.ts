// `/capability-review …` commands written in a pull request's conversation: parsing, and the
// texts the app answers with (help, rule explanations). Pure: the GitHub wiring reads the comment,
// calls parseCommand and posts what these functions return.
import { SEVERITIES } from "./model.js";
import { FAIL_CLOSED_RULES, RULES, ruleById, UNTUNABLE_RULES, type RuleDef } from "./rules/registry.js";

export type Command =
  | { kind: "run" }
  /** `fingerprint`: the capability change the approver names (`approve sha256:… reason`). */
  | { kind: "approve"; fingerprint?: string; reason?: string }
  | { kind: "revoke" }
  | { kind: "explain"; rule: string }
  | { kind: "help" }
  /** `/capability-review` followed by something else: the app answers with the help text. */
  | { kind: "unknown"; text: string };

export const COMMAND = "/capability-review";
/** Longest approval reason kept (characters, after cleaning). */
export const REASON_LIMIT = 500;
const UNKNOWN_TEXT_LIMIT = 100;
const RULE_ARG = /^[a-z0-9][a-z0-9._-]{0,99}$/i;
const FULL_FINGERPRINT = /^sha256:[0-9a-f]{64}$/i;

// Controls, format characters (zero-width, bidi controls, soft hyphen, BOM, tag characters), lone
// surrogates, private use, line/paragraph separators and fillers that render as nothing.
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Zl}\p{Zp}\u034f\u115f\u1160\u17b4\u17b5\u180b-\u180f\u3164\uffa0]/gu;

/**
 * One line of user text made safe to store and show: tabs and other spaces become one space,
 * invisible and control characters go, the result is trimmed and cut to `limit` code points (never
 * inside a surrogate pair).
 */
export function cleanText(text: string, limit = REASON_LIMIT): string {
  const cleaned = text.replace(/\t/g, " ").replace(INVISIBLE, "").replace(/\s+/g, " ").trim();
  const chars = Array.from(cleaned);
  return chars.length <= limit ? cleaned : chars.slice(0, limit).join("").trimEnd();
}

/**
 * The command on the FIRST line of a comment, or undefined when the comment is not one. The line
 * may be indented but must start with `/capability-review` (so a quoted `> /capability-review
 * approve` or a mention in running text is not a command); case does not matter. Only the first
 * line is read: an approval's reason is the rest of that line.
 */
export function parseCommand(body: string): Command | undefined {
  const first = body.replace(/^\uFEFF/, "").split(/\r\n|\r|\n/, 1)[0] ?? "";
  const m = /^[^\S\r\n]*\/capability-review(?=\s|$)(.*)$/is.exec(first);
  if (!m) return undefined;
  const rest = cleanText(m[1]!, 4 * REASON_LIMIT);
  if (rest === "") return { kind: "run" };
  const [word = "", ...args] = rest.split(" ");
  const sub = word.toLowerCase();
  const unknown = (): Command => ({ kind: "unknown", text: cleanText(rest, UNKNOWN_TEXT_LIMIT) });
  switch (sub) {
    case "run":
    case "revoke":
    case "help":
      return args.length ? unknown() : { kind: sub };
    case "approve": {
      // A first word naming a fingerprint binds the approval to it; a short or broken one is not
      // taken as the start of a reason (the approver would believe it binds).
      const named = args[0]?.toLowerCase().startsWith("sha256:") ? args.shift()! : undefined;
      if (named !== undefined && !FULL_FINGERPRINT.test(named)) return unknown();
      const reason = cleanText(args.join(" "));
      return { kind: "approve", ...(named ? { fingerprint: named.toLowerCase() } : {}), ...(reason ? { reason } : {}) };
    }
    case "explain":
      return args.length === 1 && RULE_ARG.test(args[0]!) ? { kind: "explain", rule: args[0]!.toLowerCase() } : unknown();
    default:
      return unknown();
  }
}

/** The command list, as the app's reply to `help` and to an unknown command. */
export function helpText(): string {
  return [
    "**Capability Review commands** (on the first line of a pull-request comment):",
    "",
    `- \`${COMMAND}\` or \`${COMMAND} run\`: review the current head again.`,
    `- \`${COMMAND} approve [reason]\`: approve the current capability change. The approval binds to its fingerprint: a push that changes the capabilities makes it stale, a push that leaves them alone keeps it. Who may approve is set by \`approvers\` in \`.github/capability-review.yml\` (else: admin or maintain permission); the pull request's author and authors of commits that change capability files do not count.`,
    `  It approves what the app's report showed when you wrote the command; if the capability change moved on since, it is refused and the reply says what changed. \`${COMMAND} approve sha256:<fingerprint> [reason]\` approves the change with that full fingerprint (the reports show it).`,
    `- \`${COMMAND} revoke\`: withdraw your approval.`,
    `- \`${COMMAND} explain RULE\`: what a rule (for example \`mcp.server-added\`) means, its default severity and how to tune it in the policy.`,
    `- \`${COMMAND} help\`: this list.`,
    "",
    "Denied capabilities (`policy.denied`) and files that cannot be read or parsed (`file.*`) always fail the check: approvals do not clear them.",
    "",
  ].join("\n");
}

// Which `allow:` list covers which rules; mirrors allowTargets() in policy.ts (keep in step).
const ALLOW_LISTS: [list: string, what: string, rules: string[]][] = [
  ["mcp_packages", "MCP server packages", ["mcp.server-added", "mcp.command-changed", "mcp.unpinned-package"]],
  ["mcp_hosts", "remote MCP server hosts", ["mcp.server-added", "mcp.command-changed", "mcp.remote-host"]],
  ["marketplaces", "plugin marketplaces", ["plugin.untrusted-marketplace", "plugin.enabled", "marketplace.added"]],
  ["actions", "GitHub Actions referenced by tag", ["workflow.unpinned-action"]],
];

const APPROVE_HINT = `If the change is intended, an approver approves it with \`${COMMAND} approve [reason]\`.`;

function tuning(rule: RuleDef): string[] {
  if (rule.id === "policy.denied") {
    return [
      "**Policy:** this rule cannot be turned off, lowered, allowed or approved: it fails the check in every mode. Remove the capability, or change the `deny:` list on the base branch first (that edit is itself reviewed).",
    ];
  }
  if (FAIL_CLOSED_RULES.has(rule.id)) {
    return [
      "**Policy:** this rule cannot be turned off, lowered or approved: it fails the check in every mode. Fix the file (the finding names the line) so that its capabilities can be reviewed.",
    ];
  }
  if (UNTUNABLE_RULES.has(rule.id)) {
    return [
      `**Policy:** this rule cannot be turned off or lowered. ${APPROVE_HINT} If the path is not an agent file, exclude it with \`paths.exclude\` on the base branch.`,
    ];
  }
  const out = [
    "**Policy** (`.github/capability-review.yml` on the base branch):",
    "",
    "```yaml",
    "rules:",
    `  ${rule.id}: off   # or ${SEVERITIES.join("|")}`,
    "```",
    "",
    `A finding needs approval when its severity is at or above \`fail_on\` (default \`high\`).`,
  ];
  const lists = ALLOW_LISTS.filter(([, , rules]) => rules.includes(rule.id));
  if (lists.length) {
    const names = lists.map(([list, what]) => `\`allow.${list}\` (${what})`).join(" or ");
    out.push("", `Trusted names can be listed under ${names}, with an optional \`reason\` and \`expires\` date, so that they need no approval.`);
  }
  out.push("", APPROVE_HINT);
  return out;
}

/** The reply to `explain RULE`: explanation, default severity and how to tune it. */
export function explainText(ruleId: string): string {
  const id = cleanText(ruleId, UNKNOWN_TEXT_LIMIT).toLowerCase();
  const rule = ruleById(id);
  if (!rule) {
    const close = closeRuleIds(id);
    const shown = "`" + id.replace(/`/g, "'") + "`";
    const hint = close.length
      ? `Did you mean ${close.map((c) => `\`${c}\``).join(", ")}?`
      : `Rule ids start with ${[...new Set(RULES.map((r) => r.id.split(".")[0]))].map((p) => `\`${p}.\``).join(", ")}.`;
    return `Unknown rule ${shown}. ${hint} \`capability-review rules\` lists every rule.\n`;
  }
  return [`**\`${rule.id}\`: ${rule.title}**`, "", `Default severity: **${rule.severity}**`, "", rule.explanation, "", ...tuning(rule), ""].join("\n");
}

function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length]!;
}

/** Up to five registered ids close to `id`: within a few edits, or containing it. */
export function closeRuleIds(id: string, max = 5): string[] {
  if (!id) return [];
  const scored = RULES.map((r) => {
    const d = distance(id, r.id);
    const contains = id.length >= 3 && (r.id.includes(id) || (r.id.split(".")[1] ?? "") === id.split(".").pop());
    return { id: r.id, score: contains ? Math.min(d, 1) : d };
  }).filter((x) => x.score <= Math.max(2, Math.floor(id.length / 4)));
  return scored
    .sort((a, b) => a.score - b.score || a.id.localeCompare(b.id))
    .slice(0, max)
    .map((x) => x.id);
}
