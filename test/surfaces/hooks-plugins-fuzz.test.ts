// Hostile input for the plugin / marketplace / hook surfaces: they must never throw.
import fc from "fast-check";
import { claudePlugin } from "../../src/core/surfaces/claude-plugin.js";
import { clineHook } from "../../src/core/surfaces/cline-hook.js";
import { codexPlugin } from "../../src/core/surfaces/codex-plugin.js";
import { hooksJson } from "../../src/core/surfaces/hooks-json.js";
import { kiroHook } from "../../src/core/surfaces/kiro-hook.js";
import { marketplace } from "../../src/core/surfaces/marketplace.js";

const CASES = [
  { s: claudePlugin, path: ".claude-plugin/plugin.json", fields: ["name", "hooks", "mcpServers", "userConfig", "commands"] },
  { s: codexPlugin, path: ".codex-plugin/plugin.json", fields: ["name", "hooks", "mcpServers", "apps", "skills"] },
  { s: codexPlugin, path: "p/.app.json", fields: ["apps"] },
  { s: marketplace, path: ".claude-plugin/marketplace.json", fields: ["name", "plugins", "metadata"] },
  { s: hooksJson, path: "hooks/hooks.json", fields: ["hooks", "version"] },
  { s: kiroHook, path: ".kiro/hooks/a.kiro.hook", fields: ["enabled", "when", "then"] },
  { s: clineHook, path: ".clinerules/hooks/PreToolUse", fields: [] },
];

/** Objects that use the fields each surface reads, with arbitrary JSON under them. */
const shaped = (fields: string[]) =>
  fc.dictionary(fc.constantFrom(...fields, "x", "source", "type", "command", "hooks", "plugins"), fc.jsonValue({ maxDepth: 5 }), { maxKeys: 6 });

describe.each(CASES)("$path never throws", ({ s, path, fields }) => {
  test("arbitrary text", () => {
    fc.assert(fc.property(fc.string({ maxLength: 200 }), (text) => void s.parse({ path, text })), { numRuns: 200 });
  });
  test("arbitrary JSON values in the fields it reads", () => {
    const arb = fields.length ? fc.oneof(fc.jsonValue({ maxDepth: 4 }), shaped(fields)) : fc.jsonValue({ maxDepth: 4 });
    fc.assert(
      fc.property(arb, (v) => {
        const r = s.parse({ path, text: JSON.stringify(v) });
        expect(Array.isArray(r.capabilities) && Array.isArray(r.problems)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
  test("deep nesting is refused, not recursed", () => {
    const deep = `{"hooks": ${"[".repeat(5000)}${"]".repeat(5000)}}`;
    const r = s.parse({ path, text: deep });
    if (s !== clineHook) expect(r.problems[0]?.rule).toBe("file.parse-error");
  });
});
