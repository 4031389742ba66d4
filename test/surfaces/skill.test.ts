import type { Capability, SkillAttrs } from "../../src/core/model.js";
import { skillClient, skillSurface } from "../../src/core/surfaces/skill.js";
import { splitToolList } from "../../src/core/tool-lists.js";
import { surfaceFor } from "../../src/core/surfaces/index.js";
import { fixture, lineOf } from "../helpers.js";
import { only, parse } from "./skill-util.js";

const skill = (front: string, body = "Do the thing.\n") => `---\n${front}\n---\n\n${body}`;
const noLine = (c: Capability) => JSON.stringify({ ...c, line: 0, locations: undefined });

describe("skill surface: real-world shapes", () => {
  it("a plugin skill without allowed-tools: a spaced name, quoted phrases, `---` inside fenced examples", () => {
    const text = fixture("skill/drafting-rules.md");
    const c = only("plugins/lintkit/skills/drafting-rules/SKILL.md", text);
    expect(c.key).toBe("plugins/lintkit/skills/drafting-rules/SKILL.md#skill");
    expect(c.line).toBe(2);
    expect(c.locations).toBeUndefined();
    expect(c.attrs).toMatchObject({ client: "generic", name: "Drafting Lint Rules", folder: "plugins/lintkit/skills/drafting-rules", allowedTools: null });
    expect(c.attrs.digest).toMatch(/^[0-9a-f]{64}$/);
    // The fenced examples after the front matter are body: editing one changes the digest.
    const edited = text.replace("match: API_KEY", "match: API_TOKEN");
    expect(edited).not.toBe(text);
    expect(only("plugins/lintkit/skills/drafting-rules/SKILL.md", edited).attrs.digest).not.toBe(c.attrs.digest);
  });

  it("allowed-tools as a YAML list, with item lines; CRLF line endings change nothing", () => {
    const text = fixture("skill/access-list.md");
    const path = "external_plugins/relay/skills/access/SKILL.md";
    const c = only(path, text);
    expect(c.attrs.name).toBe("access");
    expect(c.attrs.allowedTools).toEqual(["Bash(cat *)", "Bash(touch *)", "Edit", "Read"]);
    expect(c.locations).toEqual({ Read: { line: 6 }, Edit: { line: 7 }, "Bash(cat *)": { line: 8 }, "Bash(touch *)": { line: 9 } });
    expect(c.locations).toEqual({
      Read: { line: lineOf(text, "  - Read") },
      Edit: { line: lineOf(text, "  - Edit") },
      "Bash(cat *)": { line: lineOf(text, "  - Bash(cat *)") },
      "Bash(touch *)": { line: lineOf(text, "  - Bash(touch *)") },
    });
    const crlf = only(path, text.replace(/\n/g, "\r\n"));
    expect(crlf).toEqual(c);
  });

  it(".agents skill (codex) with backticks in its description, and a .curated catalog skill with metadata", () => {
    expect(only(".agents/skills/scaffold-creator/SKILL.md", fixture("skill/scaffold-creator.md")).attrs).toMatchObject({
      client: "codex", name: "scaffold-creator", folder: ".agents/skills/scaffold-creator", allowedTools: null,
    });
    const c = only("skills/.curated/ci-triage/SKILL.md", fixture("skill/ci-triage.md"));
    expect(c.attrs).toMatchObject({ client: "generic", name: "ci-triage", folder: "skills/.curated/ci-triage", allowedTools: null });
    expect(c.line).toBe(2);
    // metadata is no attribute of its own but is in the digest.
    const other = fixture("skill/ci-triage.md").replace("short-description: Triage failing CI checks", "short-description: Fix failing CI checks");
    expect(only("skills/.curated/ci-triage/SKILL.md", other).attrs.digest).not.toBe(c.attrs.digest);
  });

  it("is the surface for SKILL.md in every skill location", () => {
    for (const p of [".claude/skills/x/SKILL.md", ".codex/skills/x/SKILL.md", ".agents/skills/x/SKILL.md", ".github/skills/x/SKILL.md", ".gemini/skills/x/SKILL.md", ".clinerules/skills/x/SKILL.md", "plugins/p/skills/x/SKILL.md", "SKILL.md"]) {
      expect(surfaceFor(p)?.id).toBe("skill");
    }
  });
});

describe("skill surface: fields", () => {
  it("client from the path", () => {
    expect(skillClient(".claude/skills/a/SKILL.md")).toBe("claude");
    expect(skillClient("pkg/.codex/skills/a/SKILL.md")).toBe("codex");
    expect(skillClient(".agents/skills/a/SKILL.md")).toBe("codex");
    expect(skillClient(".github/skills/a/SKILL.md")).toBe("copilot");
    expect(skillClient(".gemini/skills/a/SKILL.md")).toBe("gemini");
    expect(skillClient(".clinerules/skills/a/SKILL.md")).toBe("cline");
    expect(skillClient("plugins/p/skills/a/SKILL.md")).toBe("generic");
  });

  it("allowed-tools as a comma and space separated string: split outside parentheses, sorted, unique", () => {
    const c = only(".claude/skills/release/SKILL.md", fixture("skill/release-skill.md"));
    expect(c.attrs).toMatchObject({ client: "claude", name: "release-notes", folder: ".claude/skills/release" });
    expect(c.attrs.allowedTools).toEqual(["Bash(gh pr list:*)", "Bash(git log:*)", "Read"]);
    expect(c.locations?.["Read"]).toEqual({ line: 5 });
    expect(splitToolList("Bash(git add:*),Read  Grep, Bash(npm  run *)")).toEqual(["Bash(git add:*)", "Read", "Grep", "Bash(npm run *)"]);
    expect(splitToolList(`Read", "Write`)).toEqual(["Read", "Write"]);
  });

  it("an empty list is no pre-approved tool; absent is null", () => {
    expect(only("s/SKILL.md", skill("name: a\ndescription: d\nallowed-tools: []")).attrs.allowedTools).toEqual([]);
    expect(only("s/SKILL.md", skill("name: a\ndescription: d\nallowed-tools:")).attrs.allowedTools).toBeNull();
  });

  it("a tool's line is the item naming it, not an earlier item that contains its name", () => {
    const text = ["---", "name: audit", "description: Audit the log.", "allowed-tools:", "  - Bash(git log:*)", "  - WebFetchAll", "  - Bash", "  - WebFetch", "---", "# Audit", ""].join("\n");
    const [c] = skillSurface.parse({ path: ".claude/skills/audit/SKILL.md", text }).capabilities;
    expect(c!.locations).toEqual({ "Bash(git log:*)": { line: 5 }, WebFetchAll: { line: 6 }, Bash: { line: 7 }, WebFetch: { line: 8 } });
    const inline = ["---", "name: audit", "description: Audit the log.", 'allowed-tools: "Bash(git log:*), Read"', "other: Bash", "---", ""].join("\n");
    const [d] = skillSurface.parse({ path: ".claude/skills/audit/SKILL.md", text: inline }).capabilities;
    expect(d!.locations).toEqual({ "Bash(git log:*)": { line: 4 }, Read: { line: 4 } });
  });

  it("name falls back to the folder; line 1 when there is no name", () => {
    const c = only(".claude/skills/deploy/SKILL.md", skill("description: d"));
    expect(c.attrs.name).toBe("deploy");
    expect(c.line).toBe(1);
  });

  it("digest: reflowed description and body are no change; edited text, or other keys, are", () => {
    const base = only("a/SKILL.md", skill("name: a\ndescription: Run the tests\n  before commit.", "# T\n\nRun   them\nall.\n")).attrs.digest;
    expect(only("a/SKILL.md", skill("name: a\ndescription: Run the tests before commit.", "# T\n\nRun them all.\n\n\n")).attrs.digest).toBe(base);
    expect(only("a/SKILL.md", skill("name: a\ndescription: Run the tests before push.", "# T\n\nRun them all.\n")).attrs.digest).not.toBe(base);
    expect(only("a/SKILL.md", skill("name: a\ndescription: Run the tests before commit.", "# T\n\nRun them all and push.\n")).attrs.digest).not.toBe(base);
    expect(only("a/SKILL.md", skill("name: a\ndescription: Run the tests before commit.\nmodel: opus", "# T\n\nRun them all.\n")).attrs.digest).not.toBe(base);
  });

  it("hidden: invisible characters anywhere in the file (front matter or body), each where it is", () => {
    expect(only("a/SKILL.md", skill("name: a\ndescription: d")).attrs.hidden).toEqual([]);
    const c = only(".claude/skills/a/SKILL.md", skill("name: a\ndescription: Draft\u200b notes\nallowed-tools: Read", "Write them.\u2066\n"));
    expect(c.attrs.hidden).toHaveLength(2);
    expect(c.attrs.hidden!.map((h) => c.locations?.[h]?.line).sort()).toEqual([3, 7]);
    expect(c.locations?.["Read"]).toEqual({ line: 4 });
  });

  it("reordering keys and tools gives identical capabilities", () => {
    const a = only("x/SKILL.md", skill("name: a\ndescription: d\nallowed-tools: [Read, Bash(ls *)]\nmetadata:\n  x: 1\n  y: 2"));
    const b = only("x/SKILL.md", skill("allowed-tools:\n  - Bash(ls *)\n  - Read\nmetadata:\n  y: 2\n  x: 1\ndescription: d\nname: a"));
    expect(noLine(a)).toBe(noLine(b));
    expect(b.line).toBe(9);
  });
});

describe("skill surface: malformed input", () => {
  it("no front matter: a skill named by its folder that pre-approves nothing, its text in the digest", () => {
    const text = fixture("skill/no-front-matter.md");
    const r = parse(".claude/skills/pdf-forms/SKILL.md", text);
    expect(r.problems).toEqual([]);
    expect(r.capabilities).toHaveLength(1);
    const c = only(".claude/skills/pdf-forms/SKILL.md", text);
    expect(c).toMatchObject({ kind: "skill", key: ".claude/skills/pdf-forms/SKILL.md#skill", line: 1 });
    expect(c.locations).toBeUndefined();
    expect(c.attrs).toMatchObject({ client: "claude", name: "pdf-forms", folder: ".claude/skills/pdf-forms", allowedTools: null });
    expect(only(".claude/skills/pdf-forms/SKILL.md", text.replace("flattened", "signed")).attrs.digest).not.toBe(c.attrs.digest);
    // Tool lists in the body are prose, not front matter.
    expect(only("skills/x/SKILL.md", "# X\n\nallowed-tools: Bash\n").attrs.allowedTools).toBeNull();
    expect(only("skills/x/SKILL.md", "").attrs).toMatchObject({ name: "x", allowedTools: null });
  });

  it.each([
    ["an unclosed block (gray-matter reads it to the end)", "---\nname: x\nallowed-tools: Bash\n\n# X\n"],
    ["a block after blank lines (parsers that trim first)", "\n\n---\nname: x\nallowed-tools: Bash\n---\n# X\n"],
    ["an indented opener", "  ---\nname: x\nallowed-tools: Bash\n---\n"],
    ["four dashes (python-frontmatter)", "----\nname: x\nallowed-tools: Bash\n----\n# X\n"],
    ["a lone opener", "---"],
  ])("front matter that is there but not a closed `---` block at line 1 fails closed: %s", (_what, text) => {
    const r = parse(".claude/skills/x/SKILL.md", text);
    expect(r.capabilities).toEqual([]);
    expect(r.problems).toEqual([expect.objectContaining({ rule: "file.parse-error", line: 1, message: expect.stringContaining("front matter") })]);
  });

  it("bracketed argument hints (`[plan] [count]`, Claude Code's own convention) are text, not broken YAML; the tools still read", () => {
    const text = "---\nname: team-build\ndescription: Build from a plan with several agents.\nargument-hint: [plan-path] [num-agents]\nallowed-tools: Bash(tmux:*), Read\n---\n\nSplit the plan and start the agents.\n";
    const r = parse(".claude/skills/team-build/SKILL.md", text);
    expect(r.problems).toEqual([]);
    expect(r.capabilities.find((c) => c.kind === "skill")!.attrs).toMatchObject({ name: "team-build", allowedTools: ["Bash(tmux:*)", "Read"] });
    // An unclosed list, or brackets then a comma, is still broken YAML: a parse error.
    for (const hint of ["[plan-path", "[plan-path], [count]"]) {
      expect(parse(".claude/skills/team-build/SKILL.md", text.replace("[plan-path] [num-agents]", hint)).problems.map((p) => p.rule)).toEqual(["file.parse-error"]);
    }
  });

  it("invalid YAML is a parse error at its line", () => {
    const r = parse(".claude/skills/x/SKILL.md", fixture("skill/bad-yaml.md"));
    expect(r.capabilities).toEqual([]);
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]!.rule).toBe("file.parse-error");
    // The unclosed flow list opened on line 3 is detected at the next key, line 5.
    expect(r.problems[0]!.line).toBe(5);
  });

  it("allowed-tools of the wrong shape is a parse error on its line; the skill is still reported", () => {
    const r = parse(".claude/skills/x/SKILL.md", fixture("skill/tools-object.md"));
    expect(r.problems).toEqual([expect.objectContaining({ rule: "file.parse-error", line: 4 })]);
    expect(r.capabilities).toHaveLength(1);
    expect((r.capabilities[0]!.attrs as SkillAttrs).allowedTools).toBeNull();
  });

  it("never throws on hostile input", () => {
    const inputs = ["", "---", "---\n---", "---\n- a\n- b\n---\n", "---\nname: [\n---", "---\nallowed-tools: 5\n---", "---\nallowed-tools: [[1]]\n---", "---\nname: 7\ndescription: {a: 1}\n---\n", `---\nx: ${"[".repeat(500)}\n---`, "---\na: &a [1]\nb: *a\n---\n"];
    for (const text of inputs) expect(() => parse("s/SKILL.md", text)).not.toThrow();
    expect(parse("s/SKILL.md", "---\n- a\n---\n").problems[0]?.rule).toBe("file.parse-error");
    expect(parse("s/SKILL.md", "---\nallowed-tools: 5\n---").problems[0]?.line).toBe(2);
  });
});
