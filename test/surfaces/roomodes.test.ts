import { fixture, lineOf } from "../helpers.js";
import { roomodes } from "../../src/core/surfaces/roomodes.js";
import type { InstructionsAttrs } from "../../src/core/model.js";
import { hits, reviewPair } from "../review-helpers.js";

const PATH = ".roomodes";
const text = fixture("roomodes/.roomodes");
const parse = (t: string, path = PATH) => roomodes.parse({ path, text: t });
const attrsOf = (t: string, slug: string) => parse(t).capabilities.find((c) => c.key === `${PATH}#customModes.${slug}`)!.attrs as InstructionsAttrs;

describe("roomodes surface", () => {
  test("YAML fixture: one instructions capability per mode, at the mode's line", () => {
    const r = parse(text);
    expect(r.problems).toEqual([]);
    expect(r.capabilities.map((c) => [c.kind, c.key, c.line])).toEqual([
      ["instructions", `${PATH}#customModes.docs-writer`, lineOf(text, "slug: docs-writer")],
      ["instructions", `${PATH}#customModes.release-captain`, lineOf(text, "slug: release-captain")],
    ]);
  });

  test("tool groups are the mode's tools, an edit limit kept with it; the prompts are scanned", () => {
    expect(attrsOf(text, "docs-writer")).toMatchObject({ format: "roo-mode", tools: ["edit(fileRegex:\\.md$)", "read"], commands: [] });
    expect(attrsOf(text, "release-captain")).toMatchObject({ tools: ["command", "edit", "read"], commands: ["npm publish --access public"] });
  });

  test("the JSON form reads the same", () => {
    const json = JSON.stringify({ customModes: [{ slug: "docs-writer", roleDefinition: "You write and tidy the user guide in docs/.", whenToUse: "Use for changes to Markdown documentation only.", groups: ["read", ["edit", { fileRegex: "\\.md$", description: "Markdown files" }]] }] });
    expect(attrsOf(json, "docs-writer").digest).toBe(attrsOf(text, "docs-writer").digest);
    expect(attrsOf(json, "docs-writer").tools).toEqual(["edit(fileRegex:\\.md$)", "read"]);
  });

  test("an edit limited by fileRegex is searched anywhere in the path: every Markdown file, instructions included, high", () => {
    const v = reviewPair({ [PATH]: [undefined, text] });
    const docs = hits(v, "instructions.tools-widened").find((f) => f.line === lineOf(text, "slug: docs-writer"))!;
    expect(docs.severity).toBe("high");
    expect(docs.message).toContain("writes any file whose path matches `\\.md$`, in any folder: agent instructions and settings it matches included");
  });

  test("giving a mode the command group is critical: it runs any shell command", () => {
    const base = text.replace("      - command\n", "");
    const v = reviewPair({ [PATH]: [base, text] });
    expect(hits(v, "instructions.tools-widened").map((f) => [f.severity, f.line])).toEqual([["critical", lineOf(text, "slug: release-captain")]]);
  });

  test("hidden characters in a role definition are found", () => {
    const v = reviewPair({ [PATH]: [text, text.replace("You write and tidy", "You write\u200b and tidy")] });
    expect(hits(v, "instructions.hidden-unicode")).toHaveLength(1);
  });

  test("shapes: no modes is nothing; modes that are not a list, or a top that is not an object, are parse errors", () => {
    expect(parse("")).toEqual({ capabilities: [], problems: [] });
    expect(parse("customModes:\n  slug: x\n").problems).toEqual([expect.objectContaining({ rule: "file.parse-error", line: 1 })]);
    expect(parse("- slug: x\n").problems).toEqual([expect.objectContaining({ rule: "file.parse-error" })]);
  });
});
