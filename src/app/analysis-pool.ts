// The analysis off the event loop. Bounds inside the parsers are the first line; this is the second:
// each review runs in a worker thread of a pool (piscina) with a deadline and a heap limit. A review
// past its deadline has its worker ended and replaced, and fails closed ("analysis exceeded N s");
// one that exhausts its heap takes only its worker with it. Meanwhile /ping and every other
// delivery are answered.
import { Piscina } from "piscina";
import type { Verdict } from "../core/review.js";
import { AnalysisError, DEFAULT_ANALYSIS_TIMEOUT_MS, timeoutFromEnv, WORKER_HEAP_MB, type Analyser } from "./analysis.js";

export { DEFAULT_ANALYSIS_TIMEOUT_MS };

export interface PoolOptions {
  timeoutMs?: number;
  maxThreads?: number;
  /** The task module (default: analysis-worker next to this file); tests give a slow one. */
  filename?: URL;
  /** Each worker's heap limit in MB (default WORKER_HEAP_MB). */
  heapMb?: number;
}

/** A pool of analysis workers. Run from TypeScript sources (tests, tsx), workers load them through tsx. */
export function workerPool(opts: PoolOptions = {}): Analyser {
  const timeoutMs = opts.timeoutMs ?? timeoutFromEnv();
  const heapMb = opts.heapMb ?? WORKER_HEAP_MB;
  const filename = opts.filename ?? new URL(import.meta.url.endsWith(".ts") ? "./analysis-worker.ts" : "./analysis-worker.js", import.meta.url);
  const pool = new Piscina({
    filename: filename.href,
    ...(filename.pathname.endsWith(".ts") ? { execArgv: ["--import", "tsx"] } : {}),
    ...(opts.maxThreads ? { maxThreads: opts.maxThreads } : {}),
    minThreads: 0,
    idleTimeout: 30_000,
    resourceLimits: { maxOldGenerationSizeMb: heapMb },
  });
  return {
    async analyse(input) {
      try {
        return (await pool.run(input, { signal: AbortSignal.timeout(timeoutMs) })) as Verdict;
      } catch (e) {
        const err = e as { name?: string; code?: string; message?: string };
        if (err.name === "AbortError") throw new AnalysisError(`analysis exceeded ${timeoutMs / 1000} s, so the change was not reviewed (a file that costs this much is treated as hostile)`);
        if (err.code === "ERR_WORKER_OUT_OF_MEMORY") throw new AnalysisError(`analysis ran out of its ${heapMb} MB of memory, so the change was not reviewed`);
        throw e;
      }
    },
    close: () => pool.destroy(),
  };
}

