// Shared test helpers: locate the repository and its fixtures. Nothing here reads outside the
// repository (the real files of ../shared/corpus are read only by test/corpus/, `npm run test:corpus`).
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
