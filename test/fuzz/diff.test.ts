// Properties of the semantic diff (src/core/diff.ts) on capabilities parsed from generated files:
// a set diffed with itself is empty; the order of the capabilities does not matter; the fingerprint
// does not depend on the key order of the JSON the capabilities came from.
import fc from "fast-check";
import { analyze, diff } from "../../src/core/diff.js";
import { fingerprint } from "../../src/core/fingerprint.js";
import type { Capability } from "../../src/core/model.js";
import { surfaceFor } from "../../src/core/surfaces/index.js";
import { PARAMS, RUN_LIMIT_MS, TIMEOUT_MS, reorderKeys, shaped, toToml, vocabulary } from "./arbitraries.js";
import { assertWithin, timed } from "./time-limit.js";

/** JSON files of surfaces that yield many capabilities, and a TOML one. */
const JSON_FILES = [".mcp.json", ".claude/settings.json", ".gemini/settings.json", ".claude-plugin/plugin.json", ".codex-plugin/plugin.json", "gemini-extension.json", ".claude-plugin/marketplace.json", "opencode.json", "hooks/hooks.json"];
const TOML_FILE = ".codex/config.toml";

const objectFor = (path: string) => shaped(vocabulary(surfaceFor(path)!.id)).object;

function capsOf(path: string, text: string): Capability[] {
  return surfaceFor(path)!.parse({ path, text }).capabilities;
}

/** A base tree of a few files and a head that edits some of them (so keys overlap), as objects. */
const trees = fc
  .subarray(JSON_FILES, { minLength: 1, maxLength: 4 })
  .chain((paths) =>
    fc.tuple(
      fc.tuple(...paths.map((p) => fc.tuple(fc.constant(p), objectFor(p), objectFor(p), fc.boolean()))),
      fc.tuple(objectFor(TOML_FILE), objectFor(TOML_FILE)),
    ),
  )
  .map(([files, [tomlBase, tomlEdit]]) => ({
    // A head file is the base file with some top-level keys replaced or added (or left as it was).
    json: files.map(([path, base, edit, keep]) => ({ path, base, head: keep ? base : { ...base, ...edit } })),
    toml: { base: tomlBase, head: { ...tomlBase, ...tomlEdit } },
  }));

type Trees = fc.Arbitrary<{ json: { path: string; base: Record<string, unknown>; head: Record<string, unknown> }[]; toml: { base: Record<string, unknown>; head: Record<string, unknown> } }> extends fc.Arbitrary<infer T> ? T : never;

function sides(t: Trees, write: (v: unknown) => string = (v) => JSON.stringify(v, null, 2)): { base: Capability[]; head: Capability[] } {
  const base = [...t.json.flatMap((f) => capsOf(f.path, write(f.base))), ...capsOf(TOML_FILE, toToml(t.toml.base))];
  const head = [...t.json.flatMap((f) => capsOf(f.path, write(f.head))), ...capsOf(TOML_FILE, toToml(t.toml.head))];
  return { base, head };
}

/** A permutation of an array driven by generated numbers. */
const permute = <T>(xs: T[], keys: number[]): T[] =>
  xs
    .map((x, i) => ({ x, k: keys[i % Math.max(keys.length, 1)] ?? 0, i }))
    .sort((a, b) => a.k - b.k || b.i - a.i)
    .map((e) => e.x);

test(
  "diff(x, x) is empty: no change, no finding",
  () => {
    assertWithin(RUN_LIMIT_MS, () => fc.assert(
      fc.property(trees, timed((t) => {
        const { base, head } = sides(t);
        for (const x of [base, head]) {
          const a = analyze(x, x);
          expect(a.changes).toEqual([]);
          expect(a.findings).toEqual([]);
          // A copy (other objects, same data) is no change either.
          expect(diff(x, structuredClone(x))).toEqual([]);
        }
      })),
      PARAMS,
    ));
  },
  TIMEOUT_MS,
);

test(
  "the diff does not depend on the order of the capabilities in either input",
  () => {
    assertWithin(RUN_LIMIT_MS, () => fc.assert(
      fc.property(trees, fc.array(fc.integer(), { minLength: 1, maxLength: 20 }), fc.array(fc.integer(), { minLength: 1, maxLength: 20 }), timed((t, kb, kh) => {
        const { base, head } = sides(t);
        const expected = analyze(base, head);
        const shuffled = analyze(permute(base, kb), permute(head, kh));
        expect(shuffled).toEqual(expected);
        expect(fingerprint(shuffled.changes)).toBe(fingerprint(expected.changes));
      })),
      PARAMS,
    ));
  },
  TIMEOUT_MS,
);

test(
  "the fingerprint is stable under key reordering (and reformatting) of the source JSON",
  () => {
    const order = fc.record({ rotate: fc.nat(7), reverse: fc.boolean() });
    assertWithin(RUN_LIMIT_MS, () => fc.assert(
      fc.property(trees, order, timed((t, o) => {
        const reorder = (keys: string[]) => {
          const r = [...keys.slice(o.rotate % Math.max(keys.length, 1)), ...keys.slice(0, o.rotate % Math.max(keys.length, 1))];
          return o.reverse ? r.reverse() : r;
        };
        const a = sides(t);
        const b = sides(t, (v) => JSON.stringify(reorderKeys(v, reorder)));
        const before = analyze(a.base, a.head).changes;
        const after = analyze(b.base, b.head).changes;
        expect(fingerprint(after)).toBe(fingerprint(before));
        // The same changes, line numbers aside.
        const shape = (cs: typeof before) => cs.map((c) => [c.kind, c.key, c.change, c.direction]);
        expect(shape(after)).toEqual(shape(before));
      })),
      PARAMS,
    ));
  },
  TIMEOUT_MS,
);
