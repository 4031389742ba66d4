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
