// The stable JSON report (`--format json`), version 1. Attributes hide the values parsers know to
// be secret; every string then passes `outbound` (keys, commands and messages may still hold one).
import { ecosystemOf } from "../model.js";
import type { Inventory, Verdict } from "../review.js";
import { outboundJson } from "./outbound.js";

export function reviewJson(v: Verdict): object {
  return outboundJson({
    version: 1,
    conclusion: v.conclusion,
    fingerprint: v.fingerprint,
    files: v.files,
    changes: v.changes.map((c) => ({
      kind: c.kind,
      key: c.key,
      change: c.change,
      direction: c.direction,
      path: c.path,
      line: c.line,
      ...(c.before ? { before: c.before.attrs } : {}),
      ...(c.after ? { after: c.after.attrs } : {}),
    })),
    findings: v.findings.map((f) => ({
      rule: f.rule,
      severity: f.severity,
      path: f.path,
      line: f.line,
      message: f.message,
      ...(f.allowedBy ? { allowed_by: f.allowedBy } : {}),
    })),
  });
}

export function inventoryJson(inv: Inventory): object {
  return outboundJson({
    version: 1,
    files: inv.files,
    capabilities: inv.capabilities.map((c) => ({ ecosystem: ecosystemOf(c), kind: c.kind, key: c.key, path: c.path, line: c.line, attrs: c.attrs })),
    problems: inv.problems,
  });
}
