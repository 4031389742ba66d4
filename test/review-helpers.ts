// Build reviews from small before/after texts, as a pull request would present them.
import { parsePolicy, type Policy } from "../src/core/policy.js";
import { review, type Verdict } from "../src/core/review.js";

type Pair = [base: string | undefined, head: string | undefined];

export function reviewPair(files: Record<string, Pair>, policy?: Policy | string): Verdict {
  const base = new Map<string, string>();
  const head = new Map<string, string>();
  for (const [path, [b, h]] of Object.entries(files)) {
    if (b !== undefined) base.set(path, b);
    if (h !== undefined) head.set(path, h);
  }
  let p: Policy | undefined;
  if (typeof policy === "string") {
    const parsed = parsePolicy(policy);
    if (!parsed.ok) throw new Error(parsed.error);
    p = parsed.policy;
  } else p = policy;
  return review({ base, head, policy: p, today: "2026-11-24" });
}

/** The findings of one rule. */
export function hits(v: Verdict, rule: string) {
  return v.findings.filter((f) => f.rule === rule);
}

export function escalations(v: Verdict) {
  return v.findings.filter((f) => f.direction === "escalation");
}

export const json = (x: unknown): string => JSON.stringify(x, null, 2);
