// The skill-file surface over files shipped beside real SKILL.md files in ../shared/corpus (`npm run test:corpus`).
import { surfaceFor } from "../../src/core/surfaces/index.js";
import { only } from "../surfaces/skill-file-util.js";
import { corpusFile } from "./files.js";

describe("skill-file surface: corpus", () => {
  it.each([
    ["openai__plugins/.agents/skills/plugin-creator/agents/openai.yaml", ".agents/skills/plugin-creator", "agents/openai.yaml", "interface:"],
    ["openai__plugins/.agents/skills/plugin-creator/references/plugin-json-spec.md", ".agents/skills/plugin-creator", "references/plugin-json-spec.md", "# Plugin JSON sample spec"],
    ["openai__plugins/plugins/chronograph-lp/skills/chronograph-cashflow-forecast/agents/openai.yaml", "plugins/chronograph-lp/skills/chronograph-cashflow-forecast", "agents/openai.yaml", "interface:"],
  ])("%s is claimed by skill-file", (rel, folder, file, firstLine) => {
    const f = corpusFile(rel);
    expect(surfaceFor(f.path)?.id).toBe("skill-file");
    const c = only(f.path, f.text);
    expect(c.key).toBe(`${f.path}#skill-file`);
    expect(c.line).toBe(1);
    expect(c.attrs).toMatchObject({ folder, file, executable: false });
    expect(c.attrs.head.split("\n")[0]).toBe(firstLine);
    expect(c.attrs.head.split("\n").length).toBeLessThanOrEqual(5);
    expect(c.attrs.digest).toMatch(/^[0-9a-f]{64}$/);
  });
});
