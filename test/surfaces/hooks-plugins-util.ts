// Test helpers for the plugin / marketplace / hook surfaces (the shared ones live in surface-util.ts).
import type { Capability, HookAttrs, PluginAttrs } from "../../src/core/model.js";
import type { marketplace } from "../../src/core/surfaces/marketplace.js";

export { canon, get as find, reversedJson as reversed } from "./surface-util.js";

export function byKind<K extends Capability["kind"]>(caps: Capability[], kind: K): Extract<Capability, { kind: K }>[] {
  return caps.filter((c): c is Extract<Capability, { kind: K }> => c.kind === kind);
}

/** A hook capability's attributes. */
export const hookAttrs = (c: { attrs: unknown }) => c.attrs as HookAttrs;

/** The attributes of a marketplace's plugin entry `name` (fails loudly). */
export const plugin = (caps: ReturnType<typeof marketplace.parse>["capabilities"], name: string): PluginAttrs => {
  const c = caps.find((x) => x.kind === "plugin" && x.key.endsWith(`#plugins.${name}`));
  if (!c) throw new Error(`no plugin ${name}`);
  return c.attrs as PluginAttrs;
};
