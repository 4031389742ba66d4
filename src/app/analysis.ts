// Where a review's analysis (decode, parse, diff, rules: core/review.ts) runs. The server sets a
// pool of worker threads with a deadline (analysis-pool.ts); the Action runs it in process (one
// review per job, under the job's own timeout), so its bundle carries no pool.
import { review, type ReviewInput, type Verdict } from "../core/review.js";

/** The deadline of one review's analysis; ANALYSIS_TIMEOUT_MS overrides it. */
export const DEFAULT_ANALYSIS_TIMEOUT_MS = 20_000;
/** Each worker's old-generation heap: a review needs a few MB; a memory bomb ends there. */
export const WORKER_HEAP_MB = 512;

export interface Analyser {
  analyse(input: ReviewInput): Promise<Verdict>;
  close(): Promise<void>;
}

/** An analysis that did not finish: the message says why, for the failing check. */
export class AnalysisError extends Error {}

/** In the calling thread, without a deadline: the Action (one review per job, under the job's timeout). */
export const inProcess: Analyser = { analyse: async (input) => review(input), close: async () => {} };

export function timeoutFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const ms = Number(env.ANALYSIS_TIMEOUT_MS);
  return Number.isFinite(ms) && ms > 0 ? ms : DEFAULT_ANALYSIS_TIMEOUT_MS;
}

let current: Analyser = inProcess;

/** The analyser reviews use (the server and the CLI set a pool; the default runs in process). */
export function useAnalyser(a: Analyser): Analyser {
  const previous = current;
  current = a;
  return previous;
}

export const analyse = (input: ReviewInput): Promise<Verdict> => current.analyse(input);
