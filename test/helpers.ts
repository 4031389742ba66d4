// Shared test helpers: locate the repository and its fixtures. Nothing here reads outside the
// repository (real files from public repositories are read only by test/corpus/, `npm run test:corpus`).
import { readFileSync, readdirSync, statSync } from "node:fs";
import { dirname, join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
export const FIXTURES = join(ROOT, "test", "fixtures");

export function fixture(relPath: string): string {
  return readFileSync(join(FIXTURES, relPath), "utf8");
}

/** Every file under a directory, as `/`-separated paths relative to it. */
export function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const full = join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else out.push(relative(dir, full).split(sep).join("/"));
    }
  };
  walk(dir);
  return out.sort();
}

/** 1-based line of the first line containing `needle` (fails loudly when none does). */
export function lineOf(text: string, needle: string): number {
  const i = text.split("\n").findIndex((l) => l.includes(needle));
  if (i < 0) throw new Error(`no line contains ${JSON.stringify(needle)}`);
  return i + 1;
}

/**
 * A guard against a hang or a quadratic blow-up, not a speed figure (those belong to `npm run bench`):
 * `run` on the large input may take at most 5 times as long per unit of size as on the small one,
 * timed in this same process, plus 50 ms for garbage collection and timer noise. Linear work grows
 * by `large / small`, quadratic work by its square, so sizes about 20 apart tell them apart.
 */
export function expectNoBlowUp<T>(make: (size: number) => T, run: (input: T) => unknown, small: number, large: number): void {
  const time = (input: T) => {
    const started = performance.now();
    run(input);
    return performance.now() - started;
  };
  const a = make(small);
  const b = make(large);
  run(a); // warm-up: the first call includes compiling the code under test
  // The best of a few runs each: a pause of the machine (GC, another process) slows one run, not all.
  const base = Math.min(time(a), time(a), time(a));
  const took = Math.min(time(b), time(b));
  const bound = base * (large / small) * 5 + 50;
  if (took > bound) {
    throw new Error(`size ${large} took ${took.toFixed(1)} ms, over the ${bound.toFixed(1)} ms allowed (5x linear growth from ${base.toFixed(2)} ms at size ${small})`);
  }
}
