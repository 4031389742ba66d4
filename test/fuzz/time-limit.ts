// A time limit on synchronous code. jest's test timeout cannot stop a function that never yields
// (a regex backtracking for minutes blocks the event loop it would fire on); node:vm's `timeout`
// can: V8 terminates the script, even inside a regex, and the caller gets an exception.
import vm from "node:vm";

const box: { fn?: () => unknown; out?: unknown } = {};
const context = vm.createContext({ box });
const script = new vm.Script("box.out = box.fn()");

export class TimeLimitExceeded extends Error {}

/** `fn()`, or a TimeLimitExceeded when it runs longer than `ms` milliseconds. */
export function withinTime<T>(ms: number, fn: () => T): T {
  const outer = { ...box }; // a call inside another's `fn` leaves the outer one's state as it was
  box.fn = fn;
  try {
    script.runInContext(context, { timeout: ms });
    return box.out as T;
  } catch (e) {
    if ((e as { code?: string }).code === "ERR_SCRIPT_EXECUTION_TIMEOUT") throw new TimeLimitExceeded(`over the ${ms} ms time limit`);
    throw e;
  } finally {
    Object.assign(box, outer);
  }
}

/** A case of a property may take this long (they take milliseconds: only a super-linear scan gets near). */
export const CASE_MS = 2_000;

let current: unknown[] | undefined;
const shown = (args: unknown[] | undefined) => {
  try {
    return JSON.stringify(args)?.slice(0, 2_000) ?? String(args);
  } catch {
    return String(args);
  }
};

/**
 * A property's predicate, timed: a case over `caseMs` fails the property (fast-check then shrinks
 * it like any failure). The case is remembered, for `assertWithin` to name if it never returns.
 */
export function timed<A extends unknown[]>(check: (...args: A) => unknown, caseMs = CASE_MS): (...args: A) => void {
  return (...args: A) => {
    current = args;
    const started = performance.now();
    check(...args);
    const took = performance.now() - started;
    if (took > caseMs) throw new Error(`one case took ${took.toFixed(0)} ms, over the ${caseMs} ms a case may take`);
  };
}

/**
 * Runs `fc.assert(...)` under a time limit for the whole run: a case that never returns (and so
 * never reaches `timed`'s check) is interrupted, and the error names it. One limit per run, not per
 * case: a node:vm limit costs half a millisecond to set up.
 */
export function assertWithin(ms: number, run: () => void): void {
  current = undefined;
  try {
    withinTime(ms, run);
  } catch (e) {
    if (e instanceof TimeLimitExceeded) throw new TimeLimitExceeded(`a case did not finish within the run's ${ms} ms: ${shown(current)}`);
    throw e;
  }
}
