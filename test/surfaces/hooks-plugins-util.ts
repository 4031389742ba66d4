// Test helpers for the plugin / marketplace / hook surfaces (the shared ones live in surface-util.ts).
import type { Capability } from "../../src/core/model.js";

export { canon, get as find, reversedJson as reversed } from "./surface-util.js";

export function byKind<K extends Capability["kind"]>(caps: Capability[], kind: K): Extract<Capability, { kind: K }>[] {
  return caps.filter((c): c is Extract<Capability, { kind: K }> => c.kind === kind);
}
