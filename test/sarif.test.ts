import { readFileSync } from "node:fs";
import { join } from "node:path";
import { createRequire } from "node:module";
import { run } from "../src/cli.js";
import { reviewSarif } from "../src/core/render/sarif.js";
import { RULES } from "../src/core/rules/registry.js";
import { json, reviewPair } from "./review-helpers.js";
import { ROOT } from "./helpers.js";

const schema = JSON.parse(readFileSync(join(ROOT, "test", "schemas", "sarif-2.1.0-rtm.5.json"), "utf8"));
// The published schema has one pattern that is invalid as a Unicode regex (`[a-zA-Z]{2}]?`).
// CommonJS packages: load them as CommonJS so their default exports are what the types say.
const require = createRequire(import.meta.url);
const Ajv = require("ajv-draft-04") as typeof import("ajv-draft-04").default;
const addFormats = require("ajv-formats") as typeof import("ajv-formats").default;
const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
addFormats(ajv);
const validate = ajv.compile(schema);

describe("SARIF output", () => {
  const examples = (p: string) => join(ROOT, "examples", p);

  it("validates against the SARIF 2.1.0 schema and carries what code scanning needs", () => {
    const r = run(["diff", examples("base"), examples("head"), "--format", "sarif"]);
    expect(r.code).toBe(1);
    const sarif = JSON.parse(r.stdout);
    const ok = validate(sarif);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
    const [runResult] = sarif.runs;
    expect(runResult.tool.driver.rules).toHaveLength(RULES.length);
    const rule = runResult.tool.driver.rules.find((x: { id: string }) => x.id === "settings.approval-bypass");
    expect(rule.properties["security-severity"]).toBe("9.5");
    expect(rule.help.text.length).toBeGreaterThan(40);
    const result = runResult.results.find((x: { ruleId: string }) => x.ruleId === "settings.approval-bypass");
    expect(result).toMatchObject({ level: "error", locations: [{ physicalLocation: { artifactLocation: { uri: ".codex/config.toml" }, region: { startLine: 2 } } }] });
    expect(runResult.tool.driver.rules[result.ruleIndex].id).toBe("settings.approval-bypass");
    expect(result.partialFingerprints["capabilityReview/v1"]).toMatch(/^[0-9a-f]{64}$/);
  });

  it("leaves reductions out and a schema violation would be caught", () => {
    const v = reviewPair({ ".mcp.json": [json({ mcpServers: { a: { command: "node" } } }), json({ mcpServers: {} })] });
    const sarif = reviewSarif(v, { version: "0.0.0" }) as { runs: { results: unknown[] }[] };
    expect(sarif.runs[0]!.results).toEqual([]);
    expect(validate(sarif)).toBe(true);
    expect(validate({ version: "2.1.0", runs: [{ tool: {} }] })).toBe(false);
  });

  it("partial fingerprints survive line moves", () => {
    const body = { mcpServers: { x: { command: "uvx", args: ["tool"] } } };
    const a = reviewSarif(reviewPair({ ".mcp.json": [undefined, json(body)] }), { version: "1" }) as { runs: { results: { partialFingerprints: object }[] }[] };
    const b = reviewSarif(reviewPair({ ".mcp.json": [undefined, "\n\n\n" + json(body)] }), { version: "1" }) as typeof a;
    expect(b.runs[0]!.results.map((r) => r.partialFingerprints)).toEqual(a.runs[0]!.results.map((r) => r.partialFingerprints));
  });
});
