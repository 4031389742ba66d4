import fc from "fast-check";
import { canonicalJson, sameCanonical } from "../../src/core/canonical.js";
import { RUNS } from "./arbitraries.js";

describe("sameCanonical (property)", () => {
  const json = fc.jsonValue({ maxDepth: 4 });
  // Equal data with its keys reordered, `undefined` members added, and as a fresh copy.
  const variant = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(variant);
    if (v !== null && typeof v === "object") return Object.fromEntries([...Object.entries(v).reverse().map(([k, x]) => [k, variant(x)]), ["__absent", undefined]]);
    return v;
  };

  it("agrees with comparing canonicalJson texts, on equal and on different data", () => {
    fc.assert(
      fc.property(json, json, (a, b) => {
        expect(sameCanonical(a, b)).toBe(canonicalJson(a) === canonicalJson(b));
        expect(sameCanonical(a, variant(a))).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });

});
