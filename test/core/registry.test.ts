// The rule registry is the single list of ids: every id the rules emit is registered, documented
// and tested.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { RULES, ruleById } from "../../src/core/rules/registry.js";
import { ROOT, listFiles } from "../helpers.js";

const RULE_ID = /"((?:mcp|settings|hooks|plugin|marketplace|file|capability|instructions|skill|workflow|policy)\.[a-z-]+)"/g;

describe("rule registry", () => {
  it("has unique ids, each with a title and a real explanation", () => {
    expect(new Set(RULES.map((r) => r.id)).size).toBe(RULES.length);
    for (const r of RULES) {
      expect(r.title.length).toBeGreaterThan(5);
      expect(r.explanation.length).toBeGreaterThan(50);
    }
  });

  it("registers every rule id the sources emit", () => {
    const dir = join(ROOT, "src", "core", "rules");
    const sources = listFiles(dir).filter((f) => f.endsWith(".ts")).map((f) => join(dir, f));
    // The policy emits its own rules (denials, expired allow entries, policy edits).
    sources.push(...["policy.ts", "policy-diff.ts"].map((f) => join(ROOT, "src", "core", f)));
    const emitted = new Set<string>();
    for (const file of sources) {
      for (const m of readFileSync(file, "utf8").matchAll(RULE_ID)) emitted.add(m[1]!);
    }
    expect(emitted.size).toBeGreaterThan(35);
    expect([...emitted].filter((id) => !ruleById(id))).toEqual([]);
  });

  it("keeps each rule's definition beside its rules: the family file that evaluates it", () => {
    const dir = join(ROOT, "src", "core", "rules");
    const definedIn = new Map<string, string>();
    for (const f of listFiles(dir).filter((f) => f.endsWith(".ts"))) {
      for (const m of readFileSync(join(dir, f), "utf8").matchAll(/^ {2}rule\("([a-z.-]+)"/gm)) {
        expect(definedIn.get(m[1]!)).toBeUndefined(); // one definition per rule
        definedIn.set(m[1]!, f);
      }
    }
    expect([...definedIn.keys()].sort()).toEqual(RULES.map((r) => r.id).sort());
    // Each family's rules sit in its own file; only the engine's own (files, policy, capability.*) in the registry.
    const home = (id: string) => (/^(file|policy|capability)\./.test(id) ? "registry.ts" : undefined);
    for (const [id, file] of definedIn) {
      if (home(id)) expect(file).toBe(home(id));
      else expect(file).not.toBe("registry.ts");
    }
  });

  // That every registered rule is actually produced (not merely named in some test) is checked by
  // test/rules/every-rule.test.ts: one realistic case per rule id, and a table that must list them all.
});

