import { fixture } from "../helpers.js";
import { surfaceFor } from "../../src/core/surfaces/index.js";
import { kiroHook } from "../../src/core/surfaces/kiro-hook.js";
import { canon, reversed } from "./hooks-plugins-util.js";

const file = (name: string) => ({ path: `.kiro/hooks/${name}`, text: fixture(`kiro-hook/${name}`) });

describe("kiro-hook surface", () => {
  test("routes .kiro.hook files here", () => {
    expect(surfaceFor(".kiro/hooks/lint.kiro.hook")?.id).toBe("kiro-hook");
    expect(surfaceFor("pkg/.kiro/hooks/lint.kiro.hook")?.id).toBe("kiro-hook");
    // A note beside the hooks is no hook file: it is read as generic agent text (instructions).
    expect(surfaceFor(".kiro/hooks/notes.md")?.id).toBe("instructions");
  });

  test("runCommand → command hook; patterns sorted into the matcher", () => {
    const r = kiroHook.parse(file("lint-on-save.kiro.hook"));
    expect(r).toEqual({
      problems: [],
      capabilities: [
        {
          kind: "hook",
          key: ".kiro/hooks/lint-on-save.kiro.hook#hooks.fileEdited[**/*.tsx,src/**/*.ts].npm run lint -- --fix",
          slot: ".kiro/hooks/lint-on-save.kiro.hook#hooks.fileEdited[**/*.tsx,src/**/*.ts]",
          path: ".kiro/hooks/lint-on-save.kiro.hook",
          line: 11,
          attrs: { client: "kiro", event: "fileEdited", matcher: "**/*.tsx,src/**/*.ts", type: "command", command: "npm run lint -- --fix" },
        },
      ],
    });
  });

  test("askAgent → prompt hook keyed by prompt digest", () => {
    const [c] = kiroHook.parse(file("review.kiro.hook")).capabilities;
    expect(c).toMatchObject({ line: 6, attrs: { client: "kiro", event: "fileCreated", matcher: "docs/*.md", type: "prompt" } });
    expect(c!.key).toMatch(/^\.kiro\/hooks\/review\.kiro\.hook#hooks\.fileCreated\[docs\/\*\.md\]\.prompt:[0-9a-f]{12}$/);
    expect(JSON.stringify(c)).not.toContain("broken links");
  });

  test("disabled hooks are not emitted (enabling one shows up as an added hook)", () => {
    expect(kiroHook.parse(file("disabled.kiro.hook"))).toEqual({ capabilities: [], problems: [] });
    const on = fixture("kiro-hook/disabled.kiro.hook").replace('"enabled": false', '"enabled": true');
    expect(kiroHook.parse({ path: ".kiro/hooks/d.kiro.hook", text: on }).capabilities[0]!.attrs).toMatchObject({ command: "./deploy.sh", matcher: "**/*" });
  });

  test("reordering keys and patterns changes nothing", () => {
    for (const name of ["lint-on-save.kiro.hook", "review.kiro.hook"]) {
      const f = file(name);
      expect(canon(kiroHook.parse({ ...f, text: reversed(f.text, true) }).capabilities)).toBe(canon(kiroHook.parse(f).capabilities));
    }
  });

  test("malformed input", () => {
    expect(kiroHook.parse({ path: ".kiro/hooks/x.kiro.hook", text: '{\n  "name": "x",\n  "then": {\n    "type": "runCommand"\n    "command": "ls"\n  }\n}' }).problems[0]).toMatchObject({ rule: "file.parse-error", line: 5 });
    expect(kiroHook.parse({ path: ".kiro/hooks/x.kiro.hook", text: '"just a string"' }).problems[0]).toMatchObject({ rule: "file.parse-error", line: 1 });
    for (const text of ['{"then": 5}', '{"when": [], "then": {"type": "askAgent", "prompt": 3}}', '{"when": {"type": 4, "patterns": "x"}, "then": {"type": "runCommand", "command": 9}}', '{"then": {"type": "other"}}']) {
      expect(() => kiroHook.parse({ path: ".kiro/hooks/x.kiro.hook", text })).not.toThrow();
      expect(kiroHook.parse({ path: ".kiro/hooks/x.kiro.hook", text }).problems).toEqual([]);
    }
    expect(kiroHook.parse({ path: ".kiro/hooks/x.kiro.hook", text: '{"when": {"type": "preToolUse", "toolTypes": ["write"]}, "then": {"type": "runCommand", "command": "./check.sh"}}' }).capabilities[0]!.attrs).toEqual({
      client: "kiro", event: "preToolUse", matcher: "write", type: "command", command: "./check.sh",
    });
  });
});
