// The skill rules over real SKILL.md files of ../shared/corpus (`npm run test:corpus`).
import { escalations, hits, reviewPair } from "../review-helpers.js";
import { base, P, skill } from "../rules/skills-util.js";
import { corpusFile } from "./files.js";

describe("skill rules", () => {
  it("skill.added for a corpus skill without allowed-tools: no widening", () => {
    const f = corpusFile("openai__plugins/.agents/skills/plugin-creator/SKILL.md");
    const v = reviewPair({ [f.path]: [undefined, f.text] });
    expect(hits(v, "skill.added")[0]!.message).toContain("no pre-approved tools");
    expect(hits(v, "skill.allowed-tools-widened")).toHaveLength(0);
  });

  it("benign edits: reflowed description, reordered and reformatted tools, whitespace: no finding at all", () => {
    const head = skill(
      "allowed-tools:\n  - Bash(git log:*)\n  - Read\n# reviewed\nname: release-notes\ndescription: >-\n  Draft release\n  notes.",
      "Collect merged pull   requests\nand write the notes.\n\n\n",
    );
    const v = reviewPair({ [P]: [base, head] });
    expect(v.findings).toEqual([]);
    const f = corpusFile("anthropics__claude-plugins-official/external_plugins/discord/skills/access/SKILL.md");
    const reordered = f.text.replace("  - Read\n  - Write\n", "  - Write\n  - Read\n").replace(/\n\n/g, "\n\n\n");
    expect(escalations(reviewPair({ [f.path]: [f.text, reordered] }))).toEqual([]);
  });
});
