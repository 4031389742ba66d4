// The corpus suite's access to real files from public repositories (`npm run test:corpus`).
// Only tests under test/corpus/ import this: `npm test` reads files inside the repository only.
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { ROOT } from "../helpers.js";

/** `CAPABILITY_REVIEW_CORPUS`, or `../shared/corpus` beside the checkout. */
export const CORPUS = process.env.CAPABILITY_REVIEW_CORPUS
  ? resolve(process.env.CAPABILITY_REVIEW_CORPUS)
  : join(ROOT, "..", "shared", "corpus");

/** A corpus file as the parser sees it: its original repository path and its text. */
export function corpusFile(relPath: string): { path: string; text: string } {
  const [, ...rest] = relPath.split("/");
  return { path: rest.join("/"), text: corpusText(relPath) };
}

/** The text of a corpus file, by its path under the corpus (`owner__repo/...`). */
export function corpusText(relPath: string): string {
  return readFileSync(join(CORPUS, relPath), "utf8");
}
