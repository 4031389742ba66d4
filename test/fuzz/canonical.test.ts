import fc from "fast-check";
import { canonicalJson, sameCanonical } from "../../src/core/canonical.js";
import { reviewPair } from "../review-helpers.js";
import { PARAMS, RUNS, RUN_LIMIT_MS, TIMEOUT_MS } from "./arbitraries.js";
import { assertWithin, timed } from "./time-limit.js";

describe("sameCanonical (property)", () => {
  const json = fc.jsonValue({ maxDepth: 4 });
  // Equal data with its keys reordered, `undefined` members added, and as a fresh copy.
  const variant = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(variant);
    if (v !== null && typeof v === "object") return Object.fromEntries([...Object.entries(v).reverse().map(([k, x]) => [k, variant(x)]), ["__absent", undefined]]);
    return v;
  };

  it("agrees with comparing canonicalJson texts, on equal and on different data", () => {
    assertWithin(RUN_LIMIT_MS, () => fc.assert(
      fc.property(json, json, timed((a, b) => {
        expect(sameCanonical(a, b)).toBe(canonicalJson(a) === canonicalJson(b));
        expect(sameCanonical(a, variant(a))).toBe(true);
      })),
      { numRuns: RUNS },
    ));
  }, TIMEOUT_MS);

});

describe("fingerprint of values hidden for display (property)", () => {
  const ident = fc.stringMatching(/^[A-Z][A-Z0-9_]{0,11}$/);
  const value = fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom("ghp_" + "A1b2C3d4E5f6G7h8I9j0K1l2M3n4", "https://api.example.com/v1?key=abc", "${TOKEN}", "1"));
  const server = fc.record({
    env: fc.dictionary(ident, value, { minKeys: 1, maxKeys: 4 }),
    headers: fc.dictionary(ident, value, { maxKeys: 3 }),
    token: fc.constantFrom("sk-ant-" + "q1w2e3r4t5y6u7i8o9p0a1s2", "ghp_" + "Z9y8X7w6V5u4T3s2R1q0P9o8N7m6"),
  });
  const file = (s: { env: Record<string, string>; headers: Record<string, string>; token: string }, reverse = false, indent = 2) => {
    const flip = <T>(o: Record<string, T>) => Object.fromEntries(reverse ? Object.entries(o).reverse() : Object.entries(o));
    const entry = { command: "node", args: ["s.js", `--api-key=${s.token}`], env: flip(s.env), ...(Object.keys(s.headers).length ? { headers: flip(s.headers) } : {}) };
    return JSON.stringify({ mcpServers: { tools: reverse ? Object.fromEntries(Object.entries(entry).reverse()) : entry } }, null, indent);
  };
  const fp = (text: string) => reviewPair({ ".mcp.json": [undefined, text] }).fingerprint;

  it(
    "is stable under key order and reformatting, and differs when any one hidden value differs",
    () => {
      assertWithin(RUN_LIMIT_MS, () => fc.assert(
        fc.property(server, fc.nat(), fc.string({ minLength: 1, maxLength: 4 }), timed((s, pick, suffix) => {
          const one = fp(file(s));
          expect(fp(file(s, true, 0))).toBe(one);
          // Change exactly one hidden value: an env value, a header value or the redacted argument.
          const slots: ["env" | "headers" | "token", string][] = [...Object.keys(s.env).map((k) => ["env", k] as ["env", string]), ...Object.keys(s.headers).map((k) => ["headers", k] as ["headers", string]), ["token", ""]];
          const [where, name] = slots[pick % slots.length]!;
          const other =
            where === "token" ? { ...s, token: s.token + suffix.replace(/[^A-Za-z0-9]/g, "") + "Q" } : { ...s, [where]: { ...s[where], [name]: s[where][name] + suffix } };
          expect(fp(file(other))).not.toBe(one);
        })),
        PARAMS,
      ));
    },
    TIMEOUT_MS,
  );
});
