// Semantic diff of two capability sets: match by kind and key, compare attributes canonically,
// then let the rules classify each change. Positions never count: a moved line is no change.
import { sameCanonical } from "./canonical.js";
import type { Capability, Change, Direction, Finding } from "./model.js";
import { evaluate, severityOf } from "./rules/index.js";
import type { Hit, RawChange } from "./rules/types.js";

/**
 * Capabilities by kind, then by key: a key is looked up as it is (its hash is kept with the string),
 * not joined to its kind into a new string that each lookup hashes again.
 */
type Index = Map<string, Map<string, Capability>>;

function index(caps: Capability[]): Index {
  const byKind: Index = new Map();
  for (const c of caps) {
    let keys = byKind.get(c.kind);
    if (!keys) byKind.set(c.kind, (keys = new Map()));
    // A key declared twice in one set (duplicate JSON keys, repeated rules): the first one stands.
    if (!keys.has(c.key)) keys.set(c.key, c);
  }
  return byKind;
}

/** `items` grouped by `keyOf` (undefined: left out), in order; push, not a copy of the group per item. */
function groupBy(items: Capability[], keyOf: (c: Capability) => string | undefined): Map<string, Capability[]> {
  const out = new Map<string, Capability[]>();
  for (const item of items) {
    const k = keyOf(item);
    if (k === undefined) continue;
    const group = out.get(k);
    if (group) group.push(item);
    else out.set(k, [item]);
  }
  return out;
}

function byKey(a: RawChange, b: RawChange): number {
  return a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

/** Structural changes, before any rule looks at them. */
export function structuralDiff(base: Capability[], head: Capability[]): RawChange[] {
  const b = index(base);
  const h = index(head);
  const out: RawChange[] = [];
  const removed: Capability[] = [];
  // Visiting order does not matter: every (kind, key) is in `out` once, and `out` is sorted.
  for (const [kind, keys] of b) {
    const heads = h.get(kind);
    for (const [key, before] of keys) {
      const after = heads?.get(key);
      if (!after) removed.push(before);
      else if (!sameCanonical(before.attrs, after.attrs)) {
        out.push({ kind: after.kind, key: after.key, change: "changed", before, after } as RawChange);
      }
    }
  }
  const addedCaps: Capability[] = [];
  for (const [kind, keys] of h) {
    const bases = b.get(kind);
    for (const [key, after] of keys) if (!bases?.has(key)) addedCaps.push(after);
  }
  // Capabilities keyed by value (hooks) pair up by slot: one out, one in is an edit.
  const slotOf = (c: Capability) => (c.slot ? `${c.kind}\u0000${c.slot}` : undefined);
  const removedBySlot = groupBy(removed, slotOf);
  const addedBySlot = groupBy(addedCaps, slotOf);
  const paired = new Set<Capability>();
  for (const [slot, outs] of removedBySlot) {
    const ins = addedBySlot.get(slot);
    if (outs.length === 1 && ins?.length === 1) {
      const [before, after] = [outs[0]!, ins[0]!];
      paired.add(before).add(after);
      // The same attributes under another key (a renamed job's MCP server or prompt): nothing changed.
      if (!sameCanonical(before.attrs, after.attrs)) out.push({ kind: after.kind, key: after.key, change: "changed", before, after } as RawChange);
    }
  }
  for (const r of removed) if (!paired.has(r)) out.push({ kind: r.kind, key: r.key, change: "removed", before: r } as RawChange);
  for (const a of addedCaps) if (!paired.has(a)) out.push({ kind: a.kind, key: a.key, change: "added", after: a } as RawChange);
  return out.sort(byKey);
}

function directionOf(hits: Hit[]): Direction {
  if (hits.some((h) => h.direction === "escalation")) return "escalation";
  if (hits.some((h) => h.direction === "reduction")) return "reduction";
  return "neutral";
}

export interface Analysis {
  changes: Change[];
  findings: Finding[];
}

/** Diff two capability sets and classify every change; findings are sorted by path and line. */
export function analyze(base: Capability[], head: Capability[]): Analysis {
  const changes: Change[] = [];
  const findings: Finding[] = [];
  for (const raw of structuralDiff(base, head)) {
    const hits = evaluate(raw);
    const where = (raw.after ?? raw.before)!;
    changes.push({
      kind: raw.kind,
      key: raw.key,
      change: raw.change,
      direction: directionOf(hits),
      path: where.path,
      line: where.line,
      ...(raw.before ? { before: raw.before } : {}),
      ...(raw.after ? { after: raw.after } : {}),
    });
    for (const hit of hits) {
      findings.push({ rule: hit.rule, severity: severityOf(hit), direction: hit.direction, path: where.path, line: hit.line ?? where.line, message: hit.message, key: raw.key, ...(hit.subject ? { subject: hit.subject } : {}) });
    }
  }
  return { changes, findings };
}

/** The changes between two capability sets, each with its direction. */
export function diff(base: Capability[], head: Capability[]): Change[] {
  return analyze(base, head).changes;
}
