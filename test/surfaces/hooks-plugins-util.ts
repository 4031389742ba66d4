// Test helpers for the plugin / marketplace / hook surfaces: order-insensitive comparison.
import type { Capability } from "../../src/core/model.js";

/** Capabilities sorted by key, without lines: what must not change when a file is reordered. */
export function canon(caps: Capability[]): string {
  return JSON.stringify([...caps].sort((a, b) => (a.key < b.key ? -1 : 1)).map(({ line: _line, ...rest }) => rest));
}

/**
 * The same JSON with every object's keys, and the items of every list of objects, in reverse order,
 * reformatted. Lists of scalars keep their order (argv order is meaning), unless `scalars` is set.
 */
export function reversed(text: string, scalars = false): string {
  const flip = (v: unknown): unknown => {
    if (Array.isArray(v)) {
      const items = v.map(flip);
      return scalars || v.some((x) => x !== null && typeof x === "object") ? items.reverse() : items;
    }
    if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).reverse().map(([k, x]) => [k, flip(x)]));
    return v;
  };
  return JSON.stringify(flip(JSON.parse(text)), null, 1);
}

export function byKind<K extends Capability["kind"]>(caps: Capability[], kind: K): Extract<Capability, { kind: K }>[] {
  return caps.filter((c): c is Extract<Capability, { kind: K }> => c.kind === kind);
}

export function find(caps: Capability[], suffix: string): Capability {
  const hit = caps.find((c) => c.key.endsWith(suffix));
  if (!hit) throw new Error(`no capability with key ending ${suffix}; have:\n${caps.map((c) => c.key).join("\n")}`);
  return hit;
}
