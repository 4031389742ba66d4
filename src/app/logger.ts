// The server's logger: pino JSON lines that carry only what the app means to log. Probot and Octokit
// log more at debug (request bodies: GraphQL variables, check outputs, comment bodies) and, when a
// signature fails, the whole request body at error level. So every line keeps only the fields below,
// with scalar values (and `err` as its type and message), and every string passes the same
// credential redaction as the reports: no body, no file content, no secret reaches a log.
import { pino, type Logger } from "pino";
import { redactSecrets } from "./report.js";

/** The fields a log line may carry, each a string, number, boolean or array of strings. */
const FIELDS = new Set([
  // pino's and Probot's own
  "level", "time", "pid", "hostname", "msg", "name", "id",
  // what the app logs (see review-run.ts, commands.ts, index.ts, server.ts)
  "delivery", "webhook", "pr", "component", "event", "headSha", "pullHead", "conclusion", "fingerprint", "findings", "blocking", "files",
  "approvedBy", "user", "outcome", "command", "comment", "why", "via", "action", "ack", "reason", "inFlight", "limitMs", "address", "signal",
  "redelivered", "givenUp", "scanned", "truncated",
]);

type Scalar = string | number | boolean | null;

function clean(value: unknown): Scalar | string[] | undefined {
  if (typeof value === "string") return redactSecrets(value);
  if (typeof value === "number" || typeof value === "boolean" || value === null) return value;
  if (Array.isArray(value) && value.every((v) => typeof v === "string")) return value.map(redactSecrets);
  return undefined;
}

/** An error as its type and message (never its request, response or event payload). */
function cleanError(err: unknown): { type: string; message: string } | string {
  if (typeof err === "string") return redactSecrets(err);
  const e = err as { name?: unknown; type?: unknown; message?: unknown };
  const type = typeof e?.name === "string" ? e.name : typeof e?.type === "string" ? e.type : "Error";
  return { type, message: redactSecrets(typeof e?.message === "string" ? e.message : String(err)) };
}

/** Keep the allowed fields of one line's object (or of a child's bindings). */
export function logFields(obj: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) {
    if (k === "err" || k === "error") out.err = cleanError(v);
    else if (FIELDS.has(k)) {
      const c = clean(v);
      if (c !== undefined) out[k] = c;
    }
  }
  return out;
}

/** The app's logger at LOG_LEVEL (info by default), JSON lines on stdout. */
export function appLogger(env: NodeJS.ProcessEnv = process.env, destination?: pino.DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level: env.LOG_LEVEL || "info",
    messageKey: "msg",
    // pino's own error serializer would expand `err` before the formatter sees it.
    serializers: { err: (e: unknown) => e },
    formatters: { log: logFields, bindings: logFields },
    hooks: {
      // The message too: Octokit's request lines carry URLs, and an error's text may carry anything.
      logMethod(args, method) {
        const i = args.findIndex((a) => typeof a === "string");
        if (i >= 0) args[i] = redactSecrets(args[i] as string);
        method.apply(this, args as Parameters<typeof method>);
      },
    },
  };
  return destination ? pino(options, destination) : pino(options);
}
