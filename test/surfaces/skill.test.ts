import type { Capability, SkillAttrs } from "../../src/core/model.js";
import { skillClient, skillSurface } from "../../src/core/surfaces/skill.js";
import { splitToolList } from "../../src/core/tool-lists.js";
import { surfaceFor } from "../../src/core/surfaces/index.js";
import { corpusFile, fixture } from "../helpers.js";

const parse = (path: string, text: string) => skillSurface.parse({ path, text });
const only = (path: string, text: string) => {
  const r = parse(path, text);
  expect(r.problems).toEqual([]);
  expect(r.capabilities).toHaveLength(1);
  return r.capabilities[0] as Capability & { kind: "skill"; attrs: SkillAttrs };
};
const skill = (front: string, body = "Do the thing.\n") => `---\n${front}\n---\n\n${body}`;
const noLine = (c: Capability) => JSON.stringify({ ...c, line: 0, locations: undefined });

describe("skill surface: corpus", () => {
  it("hookify writing-rules (Claude plugin skill, no allowed-tools)", () => {
    const f = corpusFile("anthropics__claude-code/plugins/hookify/skills/writing-rules/SKILL.md");
    const c = only(f.path, f.text);
    expect(c.key).toBe("plugins/hookify/skills/writing-rules/SKILL.md#skill");
    expect(c.line).toBe(2);
    expect(c.attrs).toMatchObject({ client: "generic", name: "Writing Hookify Rules", folder: "plugins/hookify/skills/writing-rules", allowedTools: null });
    expect(c.attrs.digest).toMatch(/^[0-9a-f]{64}$/);
  });

  it("discord access: allowed-tools as a YAML list, with item lines", () => {
    const f = corpusFile("anthropics__claude-plugins-official/external_plugins/discord/skills/access/SKILL.md");
    const c = only(f.path, f.text);
    expect(c.attrs.name).toBe("access");
    expect(c.attrs.allowedTools).toEqual(["Bash(ls *)", "Bash(mkdir *)", "Read", "Write"]);
    expect(c.locations).toEqual({ Read: { line: 6 }, Write: { line: 7 }, "Bash(ls *)": { line: 8 }, "Bash(mkdir *)": { line: 9 } });
  });

  it("openai plugin-creator (.agents → codex) and gh-fix-ci (metadata, .curated folder)", () => {
    const a = corpusFile("openai__plugins/.agents/skills/plugin-creator/SKILL.md");
    expect(only(a.path, a.text).attrs).toMatchObject({ client: "codex", name: "plugin-creator", folder: ".agents/skills/plugin-creator", allowedTools: null });
    const b = corpusFile("openai__skills/skills/.curated/gh-fix-ci/SKILL.md");
    const c = only(b.path, b.text);
    expect(c.attrs).toMatchObject({ client: "generic", name: "gh-fix-ci", folder: "skills/.curated/gh-fix-ci", allowedTools: null });
    expect(c.line).toBe(2);
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

  it("reordering keys and tools gives identical capabilities", () => {
    const a = only("x/SKILL.md", skill("name: a\ndescription: d\nallowed-tools: [Read, Bash(ls *)]\nmetadata:\n  x: 1\n  y: 2"));
    const b = only("x/SKILL.md", skill("allowed-tools:\n  - Bash(ls *)\n  - Read\nmetadata:\n  y: 2\n  x: 1\ndescription: d\nname: a"));
    expect(noLine(a)).toBe(noLine(b));
    expect(b.line).toBe(9);
  });
});

describe("skill surface: malformed input", () => {
  it("no front matter is a parse error on line 1", () => {
    const r = parse(".claude/skills/x/SKILL.md", fixture("skill/no-front-matter.md"));
    expect(r.capabilities).toEqual([]);
    expect(r.problems).toEqual([expect.objectContaining({ rule: "file.parse-error", line: 1, message: expect.stringContaining("front matter") })]);
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
