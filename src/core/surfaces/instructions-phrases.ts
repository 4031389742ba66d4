// Sentence-level patterns for instruction text: commands and fetches the agent is told to run, and
// language that takes the human out of the loop. Deliberately small and specific: a false alarm on
// ordinary prose costs reviewer trust.
import { fetchAt, runnerAt, trimWhere } from "./command-words.js";

/** Whitespace folded, trimmed, clipped: the canonical form of an item kept in attributes. */
export function normalize(s: string, max = 300): string {
  const t = s.replace(/\s+/g, " ").trim();
  return t.length > max ? t.slice(0, max - 1) + "…" : t;
}

export const SHELL_LANGS = new Set(["sh", "bash", "shell", "zsh", "console", "powershell", "pwsh", "ps1", "ps", "shellsession", "terminal", "fish", "cmd", "bat", "batch"]);
/** Languages whose blocks mix prompts and output: only prompt lines are commands. */
const SESSION_LANGS = new Set(["console", "shellsession", "terminal"]);
const PROMPT = /^\s*(?:\$|%|>|PS(?: [^>]*)?>)\s+/;
/** In a script block `>` and `%` are not prompts (redirections, continuations); `$ ` still is. */
const STRICT_PROMPT = /^\s*(?:\$|PS(?: [^>]*)?>)\s+/;
/** First words that make an unlabeled fenced block read as shell. */
const SHELL_WORDS = /^(?:\$\s|sudo|npm|npx|pnpm|yarn|bun|bunx|deno|node|git|gh|curl|wget|pip3?|pipx|uv|uvx|python3?|make|cargo|go|docker|kubectl|brew|apt(?:-get)?|cd|export|source|chmod|mkdir|rm|cp|mv|bash|sh|zsh|iex|irm|iwr|Invoke-WebRequest)\b/;

/** Command lines of a fenced block, or none when it is not shell. */
export function blockCommands(lang: string | null | undefined, value: string): Array<{ text: string; offset: number }> {
  const l = (lang ?? "").toLowerCase();
  const lines = value.split("\n").map((text, offset) => ({ text: text.trimEnd(), offset }));
  const isComment = (t: string) => /^\s*(?:#|REM\b|::|\/\/)/i.test(t);
  const content = lines.filter((x) => x.text.trim() !== "" && !isComment(x.text));
  if (!content.length) return [];
  if (!l) {
    if (!content.every((x) => SHELL_WORDS.test(x.text.trim()))) return [];
  } else if (!SHELL_LANGS.has(l)) return [];
  // With prompts in the block, the other lines are output.
  const prompt = SESSION_LANGS.has(l) ? PROMPT : STRICT_PROMPT;
  const prompted = content.filter((x) => prompt.test(x.text));
  const chosen = SESSION_LANGS.has(l) || prompted.length ? prompted : content;
  return chosen.map((x) => ({ text: normalize(x.text.replace(prompt, "")), offset: x.offset })).filter((x) => x.text);
}

/** Offset of the first match in a line, or -1. */
type Finder = (line: string) => number;
const byRegex =
  (re: RegExp): Finder =>
  (line) =>
    re.exec(line)?.index ?? -1;

/**
 * A fetch or package runner inside prose or inline code. `curl [options] URL` and `npx [options]
 * pkg` are read word by word (command-words.ts): as patterns they were exponential.
 * `wholeLine`: pipes to a shell and PowerShell one-liners are whole-line affairs; the rest start at the verb.
 */
const FETCH: { find: Finder; wholeLine?: true }[] = [
  { find: fetchAt },
  { find: runnerAt },
  { find: byRegex(/\bpipx\s+run\s+\S+/) },
  { find: byRegex(/\bpip3?\s+install\s+\S+/) },
  { find: byRegex(/\|\s*(?:sudo\s+)?(?:ba|z|da)?sh\b/), wholeLine: true },
  { find: byRegex(/\biex\b|\bInvoke-Expression\b/i), wholeLine: true },
  { find: byRegex(/\bInvoke-WebRequest\b|\b(?:iwr|irm)\s+['"]?https?:/i) },
];

const quoteOrSpace = (c: string): boolean => c === "`" || c === "'" || c === '"' || /\s/.test(c);

/** The command part of a prose line, if it tells the agent to fetch or run something. */
export function proseCommand(line: string): string | undefined {
  for (const f of FETCH) {
    const at = f.find(line);
    if (at < 0) continue;
    const clause = line.slice(f.wholeLine ? 0 : at).split(/[.;,](?=\s|$)/)[0]!;
    return normalize(trimWhere(clause, quoteOrSpace));
  }
  return undefined;
}

/** Inline code is a command when it is a fetch or runner invocation (`curl …`, `npx …`). */
export function inlineCommand(code: string): string | undefined {
  return FETCH.some((f) => f.find(code) >= 0) ? normalize(code) : undefined;
}

const NEG = String.raw`(?:do\s+not|don'?t|never|no\s+need\s+to|not\s+necessary\s+to|needn'?t|without\s+needing\s+to)`;
const USER = String.raw`(?:the\s+)?(?:user|human|humans|reviewer|reviewers|developer|developers|maintainers?|operator|owner|anyone|me|us)`;

/** The sandbox turned off or escaped. */
const SANDBOX_OFF = /\b(?:disable|disabling|bypass|bypassing|turn\s+off|escape|escaping|skip|skipping|without)\s+(?:the\s+)?sandbox(?:ing)?\b|\bsandbox(?:_mode|Mode)?\s*[:=]\s*["']?(?:off|false|none|disabled|danger-full-access)\b|danger-full-access|dangerouslyDisableSandbox/i;
/** Agent flags and modes that remove approvals. */
const BYPASS_FLAGS = /--dangerously-skip-permissions|--dangerously-bypass-approvals-and-sandbox|--yolo\b|--approval-mode[= ]yolo|--ask-for-approval[= ]never|--allow-all-tools|--trust-all-tools|--full-auto|\bbypassPermissions\b|\byolo\s+mode\b/i;

const APPROVAL: RegExp[] = [
  // "do not ask for confirmation", "never ask the user before", "no need to wait for approval"
  new RegExp(String.raw`\b${NEG}\s+(?:ask|prompt|check\s+with|wait\s+for|request|seek|get)\b(?:\s+${USER})?(?:\s+(?:for|before))?(?:\s+(?:their|any|my|explicit))?\s*(?:confirmation|permission|approval|consent|first|before\b|input\b)`, "i"),
  new RegExp(String.raw`\b${NEG}\s+(?:re-?)?confirm\b`, "i"),
  // "skip the confirmation prompts", "bypass permission checks"
  /\b(?:skip|skipping|bypass|bypassing|ignore|ignoring|disable|disabling|suppress|suppressing)\s+(?:all\s+|any\s+|the\s+|user\s+|every\s+|these\s+)*(?:confirmations?|approvals?|permissions?(?:\s+(?:checks?|prompts?))?|consent|confirmation\s+prompts?|approval\s+prompts?|human\s+review)\b/i,
  /\b(?:auto-?approve|auto-?accept|auto-?confirm|automatically\s+(?:approve|accept|confirm|allow|grant)|always\s+(?:approve|allow|accept|say\s+yes|answer\s+yes)|approve\s+(?:all|everything|any)\b|answer\s+yes\s+to\s+(?:all|every|any))\b/i,
  SANDBOX_OFF,
  BYPASS_FLAGS,
  // hiding actions
  new RegExp(String.raw`\b(?:do\s+not|don'?t|never|without)\s+(?:tell(?:ing)?|inform(?:ing)?|notify(?:ing)?|alert(?:ing)?|let(?:ting)?\s+\S+\s+know)\s+${USER}`, "i"),
  new RegExp(String.raw`\b(?:do\s+not|don'?t|never)\s+(?:mention|reveal|disclose|report|show|log|explain)\b[^.!?]{0,60}\bto\s+${USER}`, "i"),
  /\b(?:do\s+not|don'?t|never)\s+(?:mention|reveal|disclose)\s+(?:this|these|the)\s+(?:instructions?|changes?|actions?|steps?|modifications?|commands?|rules?)\b/i,
  new RegExp(String.raw`\b(?:hide|conceal)\s+(?:this|these|it|that|them|your\s+\w+|what\s+you\s+\w+|the\s+(?:changes?|commands?|actions?|instructions?|steps?))\b[^.!?]{0,40}\bfrom\s+${USER}`, "i"),
  /\b(?:silently|quietly|covertly|secretly)\s+(?:run|execute|send|upload|install|post|add|insert|modify|delete|push|commit|fetch|download|exfiltrate|include)\b/i,
];

/** "without asking" is approval language unless the sentence forbids acting that way (asking questions is no approval). */
const WITHOUT = /\bwithout\s+(?:first\s+)?(?:asking(?!\s+(?:any\s+|more\s+|further\s+|clarifying\s+|follow-up\s+)*questions\b)|prompting|confirm(?:ing|ation)|(?:user|human)\s+(?:approval|permission|consent|confirmation|review)|checking\s+with|waiting\s+for\s+(?:approval|confirmation|permission|the\s+user|a\s+human))\b/i;
const FORBIDS = /\b(?:never|do\s+not|don'?t|must\s+not|mustn'?t|should\s+not|shouldn'?t|cannot|can'?t|no\b)/i;

/**
 * "without confirming it against the source" checks a fact, no one's approval (seen on real
 * AGENTS.md text): confirming with an object is approval language only when a person is named.
 */
const OBJECT = /^\s+(?:it|that|this|these|those|them|the|a|an|its|their|your|whether|if)\b/i;
const PERSON = /\bwith\s+(?:the\s+|a\s+)?(?:user|human|me|you|them|anyone|someone|maintainers?|owners?|reviewers?)\b/i;
function checksAFact(hit: RegExpExecArray, part: string): boolean {
  if (!/^without\s+(?:first\s+)?confirming$/i.test(hit[0])) return false;
  const rest = part.slice(hit.index + hit[0].length);
  return OBJECT.test(rest) && !PERSON.test(rest);
}

/** Sentences of a text block that match an approval pattern, with their line offset in the block. */
export function approvalPhrases(text: string): Array<{ text: string; offset: number }> {
  const out: Array<{ text: string; offset: number }> = [];
  text.split("\n").forEach((line, offset) => {
    for (const part of line.split(/(?<=[.!?])\s+/)) {
      const hitsWithout = WITHOUT.exec(part);
      const forbidden = hitsWithout ? FORBIDS.test(part.slice(0, hitsWithout.index)) || checksAFact(hitsWithout, part) : true;
      if (APPROVAL.some((re) => re.test(part)) || (hitsWithout && !forbidden)) out.push({ text: normalize(part, 240), offset });
    }
  });
  return out;
}

/** A line that documents an option (`yes: …`, `--force: …`; the scan has dropped code spans): a name, then a colon. */
const OPTION_DOC = /^\s*(?:[-*+]\s+)?`?(?:--?[A-Za-z][\w-]{0,30}|[a-z][\w-]{0,30})`?\s*:\s/;
/** The agent's own approvals, sandbox or a bypass flag named: never an option's documentation only. */
const AGENT_BYPASS = [SANDBOX_OFF, BYPASS_FLAGS];

/**
 * An approval phrase that documents a tool's option ("`yes`: Skip the confirmation prompt"), not
 * an instruction to the agent: reported lower. A line naming the agent's bypass flags or sandbox is not.
 */
export function describesAnOption(line: string): boolean {
  // A tool's flag skips its confirmation prompt; approvals, permissions and consent are the agent's.
  return OPTION_DOC.test(line) && /confirm/i.test(line) && !/approv|permission|consent/i.test(line) && !AGENT_BYPASS.some((re) => re.test(line));
}

/** A hidden comment is worse when it carries a command or a URL. */
export function carriesPayload(comment: string): boolean {
  return /https?:\/\//i.test(comment) || proseCommand(comment) !== undefined || /`[^`]+`/.test(comment) || /(?:^|\s)(?:run|execute)\s+\S+/i.test(comment);
}
