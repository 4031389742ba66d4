// API calls per `pull_request.opened` event, reads and writes apart, for pull requests touching 0,
// 1, 10, 50 and 200 capability files: the real app on the end-to-end harness (test/e2e/helpers.ts,
// the fake GitHub API counts every request), next to what a naive per-file fetch would cost.
import { pullRequestEvent, startHarness, type Harness } from "../test/e2e/helpers.js";
import { push, seed } from "../test/e2e/scenario.js";

export type Change = "no-escalation" | "escalation";

export interface BudgetRow {
  files: number;
  change: Change;
  reads: number;
  writes: number;
  readRoutes: Record<string, number>;
  writeRoutes: Record<string, number>;
  naiveReads: number;
  /** Requests the fake API did not know (404) or that failed: 0 in a valid run. */
  unknown: number;
  failed: number;
  conclusion: string;
  annotations: number;
  /** The app's write budget: 1 without a capability change, 3 with one, +1 per 50 annotations past 50. */
  writeBudget: number;
}

/**
 * What an app fetching file by file would read for the same event, computed, not measured: the
 * pull request's file list (1 request per 100 files), the contents of each capability file at base
 * and head (2 GETs per file), the policy file (1 GET) and the pull request's comments, to find its
 * own sticky comment (1 GET). The app's writes would be the same, so only reads are compared.
 */
export function naiveReads(files: number, totalFiles = files): number {
  return Math.max(1, Math.ceil(totalFiles / 100)) + 2 * files + 1 + 1;
}

const server = (name: string, pkg: string) => `    "${name}": {\n      "command": "npx",\n      "args": ["-y", "${pkg}"]\n    }`;
const mcpFile = (servers: string[]) => `{\n  "mcpServers": {\n${servers.join(",\n")}\n  }\n}\n`;

/**
 * `n` MCP configs at base; the pull request reformats each (no capability change) or adds an
 * unpinned server to each (an escalation in every file). With n = 0 it edits one source file.
 */
function change(n: number, kind: Change): { base: Record<string, string>; head: Record<string, string> } {
  if (n === 0) return { base: {}, head: { "src/app.ts": 'export const greeting = "hi";\n' } };
  const paths = Array.from({ length: n }, (_, i) => `services/svc${i}/.mcp.json`);
  const base = Object.fromEntries(paths.map((p, i) => [p, mcpFile([server("lint", `@acme/lint-${i}@1.2.3`)])]));
  const head = Object.fromEntries(
    paths.map((p, i) => [
      p,
      kind === "no-escalation" ? JSON.stringify(JSON.parse(base[p]!), null, 4) + "\n" : mcpFile([server("lint", `@acme/lint-${i}@1.2.3`), server("browser", "@playwright/mcp@latest")]),
    ]),
  );
  return { base, head };
}

const countRoutes = (routes: (string | null)[]) => {
  const out: Record<string, number> = {};
  for (const r of routes) out[r ?? "unknown"] = (out[r ?? "unknown"] ?? 0) + 1;
  return out;
};

async function measure(h: Harness, n: number, kind: Change, prNumber: number): Promise<BudgetRow> {
  const { base, head } = change(n, kind);
  const s = seed(h.fake, base);
  const pr = push(s, prNumber, head);
  const status = await h.deliver("pull_request", pullRequestEvent("opened", pr));
  if (status !== 200) throw new Error(`delivery answered ${status}`);
  const reads = h.fake.reads();
  const writes = h.fake.writes();
  const annotations = h.fake.checkRuns.reduce((n, c) => n + c.annotations.length, 0);
  return {
    files: n,
    change: kind,
    reads: reads.length,
    writes: writes.length,
    readRoutes: countRoutes(reads.map((r) => r.route)),
    writeRoutes: countRoutes(writes.map((r) => r.route)),
    naiveReads: naiveReads(n, Math.max(n, 1)),
    unknown: h.fake.unknown().length,
    failed: h.fake.log.filter((r) => r.status >= 400).length,
    conclusion: h.fake.checkRuns.at(-1)?.conclusion ?? "none",
    annotations,
    writeBudget: kind === "no-escalation" ? 1 : 3 + Math.ceil(Math.max(0, annotations - 50) / 50),
  };
}

export async function budgetBench(sizes = [0, 1, 10, 50, 200]): Promise<BudgetRow[]> {
  const h = await startHarness();
  const rows: BudgetRow[] = [];
  try {
    let pr = 100;
    for (const n of sizes) {
      for (const kind of ["no-escalation", "escalation"] as const) {
        if (n === 0 && kind === "escalation") continue;
        rows.push(await measure(h, n, kind, ++pr));
      }
    }
  } finally {
    await h.close();
  }
  return rows;
}
