// Test helpers shared by the surface tests: order-insensitive comparison, reordered inputs, lookups.
import type { Capability, ParseResult } from "../../src/core/model.js";

/** Capabilities sorted by key, without lines: what must not change when a file is reordered. */
export function canon(caps: Capability[]): string {
  return JSON.stringify([...caps].sort((a, b) => (a.key < b.key ? -1 : 1)).map(({ line: _line, ...rest }) => rest));
}

/**
 * The same JSON with every object's keys, and the items of every list of objects, in reverse order,
 * reformatted. Lists of scalars keep their order (argv order is meaning), unless `scalars` is set.
 */
export function reversedJson(text: string, scalars = false): string {
  const flip = (v: unknown): unknown => {
    if (Array.isArray(v)) {
      const items = v.map(flip);
      return scalars || v.some((x) => x !== null && typeof x === "object") ? items.reverse() : items;
    }
    if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).reverse().map(([k, x]) => [k, flip(x)]));
    return v;
  };
  return JSON.stringify(flip(JSON.parse(text)), null, 2);
}

/**
 * A parsed value with every object's keys and every list reversed, except lists under the keys in
 * `keep` (argv lists, whose order is meaning). Dates (TOML) stay as they are.
 */
export function reversedValue(value: unknown, keep: readonly string[] = ["args"], key = ""): unknown {
  if (Array.isArray(value)) return (keep.includes(key) ? value : [...value].reverse()).map((v) => reversedValue(v, keep));
  if (value && typeof value === "object" && !(value instanceof Date)) {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).reverse().map(([k, v]) => [k, reversedValue(v, keep, k)]));
  }
  return value;
}

/** The capability whose key ends with `suffix` (fails loudly with the keys it has). */
export function get(caps: Capability[], suffix: string): Capability {
  const hit = caps.find((c) => c.key.endsWith(suffix));
  if (!hit) throw new Error(`no capability with key ending ${suffix}; have:\n${caps.map((c) => c.key).join("\n")}`);
  return hit;
}

/** Attributes of a capability, loosely typed for assertions. */
export function attrs(caps: Capability[], suffix: string): Record<string, unknown> {
  return get(caps, suffix).attrs as unknown as Record<string, unknown>;
}

/**
 * Lookups by key in one file's capabilities: `byKey`, the capability `${path}#${id}`; `settingOf`,
 * that agent setting's attributes with its line (fails loudly with the keys there are). `path`
 * defaults to `file`.
 */
export function keyLookups(file: string) {
  const byKey = (caps: Capability[], id: string, path = file) => caps.find((c) => c.key === `${path}#${id}`);
  const settingOf = (caps: Capability[], id: string, path = file) => {
    const c = byKey(caps, id, path);
    if (c?.kind !== "agent_setting") throw new Error(`no setting ${id}: ${caps.map((x) => x.key).join(", ")}`);
    return { ...c.attrs, line: c.line };
  };
  return { byKey, settingOf };
}

/** `only(path, text)`: the one capability `parse` gives for a file it parses without problems. */
export function onlyOf<C extends Capability>(parse: (path: string, text: string) => ParseResult) {
  return (path: string, text: string): C => {
    const r = parse(path, text);
    expect(r.problems).toEqual([]);
    expect(r.capabilities).toHaveLength(1);
    return r.capabilities[0] as C;
  };
}

export { lineOf } from "../helpers.js";

/** Hostile shapes every parser must survive without throwing. */
export const HOSTILE = [
  "",
  "null",
  "[]",
  "5",
  '"x"',
  '{"mcpServers": null}',
  '{"mcpServers": []}',
  '{"mcpServers": {"a": {"command": 5, "args": 5, "env": "x", "headers": [1]}}}',
  '{"servers": "x", "inputs": {"a": 1}}',
  '{"hooks": "x", "tools": {"allowed": "x"}, "mcp": []}',
  '{"mcp": {"a": {"command": {"x": 1}}}, "permission": 5, "plugin": {"a": 1}, "agent": []}',
  '{"context_servers": [1], "agent": {"always_allow_tool_actions": {"a": 1}}}',
  "[".repeat(100) + "]".repeat(100),
  '{"a": ' + '{"b": '.repeat(80) + "1" + "}".repeat(81),
];
