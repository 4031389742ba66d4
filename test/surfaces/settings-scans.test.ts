// Line indexing, lenient front matter, tool lists and permission rules on the inputs that made their
// old patterns super-linear (issue 13): each grows linearly (expectNoBlowUp) and still reads as before.
import { parseFile, review } from "../../src/core/review.js";
import { isWildcardRule } from "../../src/core/rules/permissions.js";
import { splitToolList } from "../../src/core/tool-lists.js";
import { expectNoBlowUp } from "../helpers.js";

test("TOML line index: a line of many `]#` before a line terminator (inside a multi-line string) is read once", () => {
  const file = (n: number) => `[mcp_servers.a]\ncommand = "npx"\nnote = """\n[${"]#".repeat(Math.floor(n / 2))}\u2028x\n"""\n`;
  const run = (t: string) => parseFile(".codex/config.toml", t);
  expect(run(file(10)).problems).toEqual([]);
  expectNoBlowUp(file, run, 2_000, 40_000);
  // Headers still give their line: the server is declared on line 3.
  expect(run('# x\n\n[mcp_servers."a.b"] # c\ncommand = "npx"\n').capabilities.map((c) => c.line)).toEqual([3]);
});

test("lenient front matter: a `key:` line of many tabs before a line terminator is read once", () => {
  // `globs: **/*.ts` is not YAML (an alias): the lines are read as plain `key: value`.
  const file = (n: number) => `---\nglobs: **/*.ts\ndescription:${"\t".repeat(n)}\u2028\n---\nBe brief.\n`;
  const run = (t: string) => parseFile(".cursor/rules/a.mdc", t);
  expectNoBlowUp(file, run, 2_000, 40_000);
  const r = run("---\nglobs: **/*.ts\nalwaysApply: true\ndescription:   'quoted'  \n---\nBe brief.\n");
  expect(r.problems).toEqual([]);
  expect(r.capabilities[0]!.attrs).toMatchObject({ applies: ["**/*.ts"] });
});

test("tool lists: a word with a run of quotes inside is trimmed once", () => {
  expectNoBlowUp((n) => `x${'"'.repeat(n)}y`, splitToolList, 2_000, 40_000);
  expect(splitToolList(`"Read", 'Bash(git add:*)' ""Write""`)).toEqual(["Read", "Bash(git add:*)", "Write"]);
});

test("permission rules: a name with a long run of spaces and no `(` is split once", () => {
  const rule = (n: number) => `a${" \t".repeat(n / 2)}b)`;
  expectNoBlowUp(rule, isWildcardRule, 2_000, 40_000);
  const settings = (n: number) => JSON.stringify({ permissions: { allow: [rule(n)] } });
  expectNoBlowUp((n) => new Map([[".claude/settings.json", settings(n)]]), (head) => review({ base: new Map(), head }), 2_000, 40_000);
  expect(["Bash", "Bash(*)", "bash  (:*)", "*", "Bash(git:*)", "(x)", "Bash(*) x", "Bash(\n)"].map(isWildcardRule)).toEqual([true, true, true, true, false, false, false, false]);
});

test("VS Code settings: a long `github.copilot.chat.*instructions*` key ending in a line break is tested once", () => {
  const file = (n: number) => JSON.stringify({ [`github.copilot.chat.${"Instructionsb".repeat(Math.floor(n / 13))}\n`]: "x" });
  const run = (t: string) => parseFile(".vscode/settings.json", t);
  expectNoBlowUp(file, run, 10_000, 200_000);
  const loaded = (key: string) => run(JSON.stringify({ [key]: ["a"] })).capabilities.length;
  expect(["github.copilot.chat.codeGeneration.instructions", "chat.instructionsFilesLocations", "github.copilot.chat.x", "github.copilot.chat.Instructions\n", "editor.fontSize"].map(loaded)).toEqual([1, 1, 0, 0, 0]);
});
