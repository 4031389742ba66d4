// The stable JSON report (`--format json`), version 1. Attributes are already free of secret values.
import { ecosystemOf } from "../model.js";
import type { Inventory, Verdict } from "../review.js";

export function reviewJson(v: Verdict): object {
  return {
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
  };
}

export function inventoryJson(inv: Inventory): object {
  return {
    version: 1,
    files: inv.files,
    capabilities: inv.capabilities.map((c) => ({ ecosystem: ecosystemOf(c), kind: c.kind, key: c.key, path: c.path, line: c.line, attrs: c.attrs })),
    problems: inv.problems,
  };
}
