// A tool grant's grade: how much a rule or tool list entry lets the agent do without asking, and why.

export type GrantSeverity = "critical" | "high" | "medium";

export interface Grant {
  severity: GrantSeverity;
  /** One clause, after the rule: "`git log` reads the repository", "a whole shell: any command". */
  why: string;
}

export const critical = (why: string): Grant => ({ severity: "critical", why });
export const high = (why: string): Grant => ({ severity: "high", why });
export const medium = (why: string): Grant => ({ severity: "medium", why });

const RANK: Record<GrantSeverity, number> = { medium: 0, high: 1, critical: 2 };

/** The index of the widest grant (the first of equals), or -1 for none. */
export function widestIndex(grants: readonly Grant[]): number {
  let best = -1;
  grants.forEach((g, i) => {
    if (best < 0 || RANK[g.severity] > RANK[grants[best]!.severity]) best = i;
  });
  return best;
}
