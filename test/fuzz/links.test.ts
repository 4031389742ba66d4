// core/links on arbitrary listings: files, links with any relative or absolute text (`..`, `.`,
// empty segments, loops), submodules. It always ends, every source it names is a regular file of
// the listing (nothing outside the tree is ever read), and every key is a wanted path.
import fc from "fast-check";
import { MAX_LINKED_ENTRIES, resolvePath, resolveTree, type TreeEntry } from "../../src/core/links.js";
import { scopeMatcher } from "../../src/core/scope.js";
import { PARAMS, RUN_LIMIT_MS, TIMEOUT_MS } from "./arbitraries.js";
import { assertWithin, timed } from "./time-limit.js";

const NAMES = [".claude", "cfg", "a", "b", "AGENTS.md", "settings.json", "SKILL.md", ".mcp.json", "..", "."];
const segment = fc.constantFrom(...NAMES.filter((n) => n !== ".." && n !== "."));
const path = fc.array(segment, { minLength: 1, maxLength: 4 }).map((s) => s.join("/"));
const target = fc.oneof(
  fc.array(fc.constantFrom(...NAMES, ""), { minLength: 1, maxLength: 5 }).map((s) => s.join("/")),
  fc.constant("/etc"),
  fc.string({ maxLength: 8 }),
);
const entry: fc.Arbitrary<TreeEntry> = fc.oneof(
  { weight: 3, arbitrary: fc.constant({ mode: "100644" }) },
  { weight: 3, arbitrary: target.map((t) => ({ mode: "120000", target: t })) },
  { weight: 1, arbitrary: fc.constant({ mode: "160000", oid: "abc" }) },
);

/** A listing as git gives it: no path below a file, a link or a submodule. */
const listing = fc.array(fc.tuple(path, entry), { maxLength: 30 }).map((rows) => {
  const out = new Map<string, TreeEntry>();
  for (const [p, e] of rows) {
    const parts = p.split("/");
    const blocked = parts.some((_, i) => out.has(parts.slice(0, i).join("/"))) || [...out.keys()].some((k) => k.startsWith(`${p}/`));
    if (!blocked && !out.has(p)) out.set(p, e);
  }
  return out;
});

const inScope = scopeMatcher();
const isFile = (entries: Map<string, TreeEntry>, p: string) => entries.get(p)?.mode === "100644";

describe("core/links on arbitrary listings", () => {
  it(
    "ends, reads only regular files of the listing, and keys only wanted paths",
    () => {
      assertWithin(RUN_LIMIT_MS, () => fc.assert(
        fc.property(listing, fc.array(path, { maxLength: 5 }), timed((entries, probes) => {
          const plan = resolveTree(entries, inScope);
          expect(plan.size).toBeLessThanOrEqual(entries.size + MAX_LINKED_ENTRIES + 1);
          for (const [key, r] of plan) {
            expect(inScope(key)).toBe(true);
            if ("source" in r) expect(isFile(entries, r.source)).toBe(true);
            else expect(typeof r.error).toBe("string");
          }
          for (const p of probes) {
            const r = resolvePath(entries, p);
            if (r && "source" in r) expect(isFile(entries, r.source)).toBe(true);
          }
        })),
        PARAMS,
      ));
    },
    TIMEOUT_MS,
  );
});
