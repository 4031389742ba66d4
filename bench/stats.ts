// Small helpers shared by the benchmark sections: percentiles, timing, machine facts, table text.
import { cpus, totalmem } from "node:os";
import { readFileSync } from "node:fs";

/** The p-th percentile (0–100) of `values`, nearest-rank on a sorted copy; NaN when empty. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

export const median = (values: readonly number[]) => percentile(values, 50);

/** Milliseconds with a fixed number of decimals, for tables and JSON. */
export const ms = (v: number, digits = 2) => Number(v.toFixed(digits));

export const mb = (bytes: number) => Number((bytes / 1024 / 1024).toFixed(1));

/** Run `fn` `runs` times after `warmup` untimed runs; each run's wall time in milliseconds. */
export function timeRuns(fn: () => void, runs: number, warmup = 5): number[] {
  for (let i = 0; i < warmup; i++) fn();
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    fn();
    out.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return out;
}

export interface Machine {
  node: string;
  cpu: string;
  cores: number;
  ramGiB: number;
  platform: string;
}

/** What the figures ran on: Node, the CPU model (from /proc/cpuinfo on Linux), cores and RAM. */
export function machine(): Machine {
  let cpu = cpus()[0]?.model ?? "unknown";
  try {
    const info = readFileSync("/proc/cpuinfo", "utf8");
    cpu = /^model name\s*:\s*(.+)$/m.exec(info)?.[1]?.trim() ?? cpu;
  } catch {
    // Not Linux: os.cpus() has the model too.
  }
  return { node: process.version, cpu, cores: cpus().length, ramGiB: Number((totalmem() / 1024 ** 3).toFixed(1)), platform: `${process.platform}-${process.arch}` };
}

/**
 * A plain-text table: a header row, a rule, then the rows, columns padded to their widest cell;
 * numbers to the right, text to the left.
 */
export function table(header: string[], rows: (string | number)[][]): string {
  const cells = [header, ...rows.map((r) => r.map(String))];
  const widths = header.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? "").length)));
  const numeric = header.map((_, i) => rows.every((r) => typeof r[i] === "number" || r[i] === ""));
  const line = (r: string[]) => r.map((c, i) => (numeric[i] ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join("  ").trimEnd();
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...cells.slice(1).map(line)].join("\n");
}
