// Every parser of the registry, and the policy parser, on arbitrary input: never a throw, never an
// internal error (parseFile turns a parser's exception into a parse error flagged `internal`: here
// that fails the property), never a case over its time limit or one that does not return (see
// time-limit.ts); only well-formed results (capabilities at a real line, problems of the `file.*` rules).
import fc from "fast-check";
import { parsePolicy } from "../../src/core/policy.js";
import { parseFile } from "../../src/core/review.js";
import { SURFACES, surfaceFor } from "../../src/core/surfaces/index.js";
import type { ParseResult } from "../../src/core/model.js";
import type { Surface } from "../../src/core/surfaces/types.js";
import { PARAMS, RUN_LIMIT_MS, TIMEOUT_MS, documentIn, shapedObject, toYaml, vocabulary } from "./arbitraries.js";
import { assertWithin, timed } from "./time-limit.js";

type Syntax = "json" | "toml" | "yaml" | "markdown" | "text";

/** One path per surface, and the syntax it reads. */
const PATHS: Record<string, [string, Syntax]> = {
  "mcp-json": [".vscode/mcp.json", "json"],
  "gemini-settings": [".gemini/settings.json", "json"],
  "gemini-extension": ["gemini-extension.json", "json"],
  "gemini-policy": [".gemini/policies/p.toml", "toml"],
  opencode: ["opencode.json", "json"],
  "zed-settings": [".zed/settings.json", "json"],
  "vscode-settings": [".vscode/settings.json", "json"],
  roomodes: [".roomodes", "yaml"],
  "opencode-plugin": [".opencode/plugins/guard.ts", "text"],
  "codex-environment": [".codex/environments/environment.toml", "toml"],
  "amazonq-agent": [".kiro/agents/reviewer.json", "json"],
  "cursor-environment": [".cursor/environment.json", "json"],
  "continue-mcp": [".continue/mcpServers/s.yaml", "yaml"],
  "codex-config": [".codex/config.toml", "toml"],
  "claude-settings": [".claude/settings.json", "json"],
  "codex-plugin": [".codex-plugin/plugin.json", "json"],
  "claude-plugin": [".claude-plugin/plugin.json", "json"],
  marketplace: [".agents/plugins/marketplace.json", "json"],
  "hooks-json": [".github/hooks/h.json", "json"],
  "kiro-hook": [".kiro/hooks/h.kiro.hook", "json"],
  "cline-hook": [".clinerules/hooks/PostToolUse", "text"],
  skill: [".agents/skills/s/SKILL.md", "markdown"],
  "skill-file": [".agents/skills/s/run.py", "text"],
  instructions: ["CLAUDE.md", "markdown"],
  workflow: [".github/workflows/w.yml", "yaml"],
};

const CASES = SURFACES.map((s) => ({ id: s.id, surface: s, path: PATHS[s.id]![0], syntax: PATHS[s.id]![1] }));

test("every surface of the registry is fuzzed, at a path it reads", () => {
  expect(SURFACES.map((s) => s.id).filter((id) => !PATHS[id])).toEqual([]);
  for (const c of CASES) expect(surfaceFor(c.path)?.id).toBe(c.id);
});

function wellFormed(path: string, r: ParseResult): void {
  expect(Array.isArray(r.capabilities) && Array.isArray(r.problems)).toBe(true);
  for (const p of r.problems) {
    expect(p.rule).toMatch(/^file\.(parse-error|unreadable)$/);
    // A parser's own crash also ends in a parse error (fail closed); here it is a bug.
    expect(p.internal ? p.message : undefined).toBeUndefined();
    expect(Number.isInteger(p.line) && p.line >= 1).toBe(true);
    expect(typeof p.message).toBe("string");
  }
  for (const c of r.capabilities) {
    expect(typeof c.key).toBe("string");
    expect(typeof c.path).toBe("string");
    expect(Number.isInteger(c.line) && c.line >= 1).toBe(true);
  }
  // The result must be plain data: the diff and the fingerprint serialize it.
  expect(() => JSON.stringify(r)).not.toThrow();
  void path;
}

/** The syntax a surface reads, plus the others: a `.json` file may hold YAML, a SKILL.md may hold JSON. */
const anyDocument = (own: Syntax, keys: string[]) =>
  own === "text"
    ? fc.string({ maxLength: 300 })
    : fc.oneof({ weight: 3, arbitrary: documentIn(own, keys) }, { weight: 1, arbitrary: fc.constantFrom("json", "toml", "yaml", "markdown" as const).chain((s) => documentIn(s, keys)) });

describe.each(CASES)("$id ($path)", ({ id, surface, path, syntax }) => {
  test(
    "arbitrary strings (any Unicode, lone surrogates, control characters)",
    () => {
      assertWithin(RUN_LIMIT_MS, () => fc.assert(
        fc.property(fc.oneof(fc.string({ unit: "binary", maxLength: 200 }), fc.string({ unit: "grapheme-ascii", maxLength: 200 })), timed((text) => wellFormed(path, surface.parse({ path, text })))),
        PARAMS,
      ));
    },
    TIMEOUT_MS,
  );

  test(
    `${syntax}-shaped documents with the fields parsers read`,
    () => {
      assertWithin(RUN_LIMIT_MS, () => fc.assert(fc.property(anyDocument(syntax, vocabulary(id)), timed((text) => wellFormed(path, surface.parse({ path, text })))), PARAMS));
    },
    TIMEOUT_MS,
  );
});

test(
  "arbitrary bytes through decoding and every surface: a result, never a throw",
  () => {
    assertWithin(RUN_LIMIT_MS, () => fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), fc.constantFrom(...CASES), timed((bytes, c) => {
        const r = parseFile(c.path, bytes);
        wellFormed(c.path, r);
      })),
      PARAMS,
    ));
  },
  TIMEOUT_MS,
);

test(
  "the policy parser: arbitrary text and policy-shaped YAML give a policy or an error with a line",
  () => {
    const policyish = fc.record(
      {
        fail_on: fc.oneof(fc.constantFrom("critical", "high", "medium", "low", "info"), fc.string({ maxLength: 6 })),
        mode: fc.constantFrom("enforce", "warn", "x"),
        allow: fc.dictionary(fc.constantFrom("marketplaces", "mcp_packages", "mcp_hosts", "actions", "x"), fc.array(fc.oneof(fc.string({ maxLength: 10 }), fc.record({ name: fc.string({ maxLength: 10 }), reason: fc.string({ maxLength: 10 }), expires: fc.constantFrom("2027-01-01", "soon", "2020-13-40") }, { requiredKeys: [] })), { maxLength: 3 })),
        deny: fc.dictionary(fc.constantFrom("marketplaces", "mcp_packages", "mcp_hosts", "actions"), fc.array(fc.string({ maxLength: 10 }), { maxLength: 3 })),
        rules: fc.dictionary(fc.constantFrom("mcp.server-added", "settings.changed", "policy.denied", "nope"), fc.constantFrom("off", "high", "low", "x")),
        paths: fc.record({ include: fc.array(fc.string({ maxLength: 8 }), { maxLength: 2 }), exclude: fc.array(fc.string({ maxLength: 8 }), { maxLength: 2 }) }, { requiredKeys: [] }),
        approvers: fc.record({ users: fc.array(fc.string({ maxLength: 8 }), { maxLength: 2 }), teams: fc.array(fc.string({ maxLength: 8 }), { maxLength: 2 }), min: fc.integer({ min: -1, max: 5 }) }, { requiredKeys: [] }),
      },
      { requiredKeys: [] },
    );
    const text = fc.oneof(fc.string({ maxLength: 200 }), policyish.map(toYaml), shapedObject.map(toYaml));
    assertWithin(RUN_LIMIT_MS, () => fc.assert(
      fc.property(text, timed((t) => {
        const r = parsePolicy(t);
        if (!r.ok) expect(Number.isInteger(r.line) && r.line >= 1 && typeof r.error === "string").toBe(true);
      })),
      PARAMS,
    ));
  },
  TIMEOUT_MS,
);

test("regressions found by these properties: values of the wrong type where a string was expected", () => {
  const cases: [string, string][] = [
    // Objects from the JSON and TOML parsers have no prototype: String(value) threw on them.
    [".mcp.json", '{"mcpServers": {"x": {"command": "npx", "transport": {}}}}'],
    [".claude/settings.json", '{"env": {"ANTHROPIC_BASE_URL": {"url": "https://x.example"}}}'],
    [".gemini/policies/p.toml", '[[rule]]\ntoolName = "x"\ndecision = { a = 1 }\n'],
    // A decision naming an inherited property is no decision.
    [".gemini/policies/p.toml", '[[rule]]\ntoolName = "x"\ndecision = "toString"\n'],
  ];
  for (const [path, text] of cases) {
    const r = surfaceFor(path)!.parse({ path, text });
    wellFormed(path, r);
    expect(r.capabilities.every((c) => typeof (c.attrs as { list?: unknown }).list !== "function")).toBe(true);
  }
});

describe("the properties see a crash and a hang (a parser replaced for the test)", () => {
  const mcp = CASES.find((c) => c.id === "mcp-json")!;
  const run = (limitMs = RUN_LIMIT_MS, caseMs?: number) =>
    assertWithin(limitMs, () => fc.assert(fc.property(fc.string({ maxLength: 20 }), timed((text) => wellFormed(mcp.path, parseFile(mcp.path, text)), caseMs)), { numRuns: 20 }));
  /** The failure's message and its cause's (fast-check keeps the predicate's error as the cause). */
  const failure = (f: () => void): string => {
    try {
      f();
    } catch (e) {
      return `${String(e)} ${String((e as { cause?: unknown }).cause)}`;
    }
    return "no failure";
  };
  const withParse = (parse: Surface["parse"], body: () => void) => {
    const original = mcp.surface.parse;
    mcp.surface.parse = parse;
    try {
      body();
    } finally {
      mcp.surface.parse = original;
    }
  };

  test("a parser's exception, which parseFile turns into an internal parse error, fails the property", () => {
    withParse(() => {
      throw new TypeError("boom");
    }, () => expect(failure(() => run())).toMatch(/Property failed.*internal error of the mcp-json parser \(TypeError\)/s));
  });

  test("a case that never returns is interrupted, and the error names it", () => {
    withParse(() => {
      for (;;);
    }, () => expect(failure(() => run(1_000))).toMatch(/did not finish within the run's 1000 ms: \[".*"\]/));
  });

  test("a case slower than its time limit fails the property", () => {
    withParse(() => {
      const end = performance.now() + 30;
      while (performance.now() < end);
      return { capabilities: [], problems: [] };
    }, () => expect(failure(() => run(RUN_LIMIT_MS, 10))).toMatch(/Property failed.*over the 10 ms a case may take/s));
  });

  test("the real parser passes the same run", () => {
    expect(failure(() => run())).toBe("no failure");
  });
});
