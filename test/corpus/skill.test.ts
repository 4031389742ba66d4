// The skill surface over the real SKILL.md files of ../shared/corpus (`npm run test:corpus`).
import { only } from "../surfaces/skill-util.js";
import { corpusFile } from "./files.js";

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
});
