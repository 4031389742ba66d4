// The one way out. Every text the app, the Action and the CLI write (check title, summary and
// annotations, comments and the inline review, the Markdown, JSON and SARIF reports, error
// reasons, log lines) is built by a renderer that passes its result through `outbound` or
// `outboundJson` last, so a credential a parser did not recognise is still never written.
// Parsers hide the values they know (env, headers, URL parts) and digest them for the
// fingerprint; this boundary is the net under them for everything else (see credentials.ts).
import { applySpans, credentialSpansEach, redactCredentials, type Span } from "../credentials.js";

/** `text` as it may be written: every credential replaced by `[redacted]`. */
export function outbound(text: string): string {
  return redactCredentials(text);
}

/** Objects that serialize themselves (a TOML date): no text of a file in them, kept as they are. */
const serializes = (v: object): boolean => typeof (v as { toJSON?: unknown }).toJSON === "function";

const isStrings = (v: unknown[]): v is string[] => v.length > 1 && v.every((x) => typeof x === "string");

/**
 * A JSON report as it may be written: every string in it, keys included, through `outbound`, in
 * one scan (a report holds thousands of short strings). A list of strings is scanned as one line,
 * its items joined by spaces, since an argument list says `-u` in one item and the password in
 * the next. The input is not changed; when nothing is redacted it is returned as it is.
 */
export function outboundJson<T>(value: T): T {
  const texts: string[] = [];
  const collect = (v: unknown): void => {
    if (typeof v === "string") texts.push(v);
    else if (Array.isArray(v)) {
      if (isStrings(v)) texts.push(v.join(" "));
      else for (const x of v) collect(x);
    } else if (v !== null && typeof v === "object" && !serializes(v)) {
      for (const [k, x] of Object.entries(v)) {
        texts.push(k);
        collect(x);
      }
    }
  };
  collect(value);
  const spans = credentialSpansEach(texts);
  if (spans.every((s) => s.length === 0)) return value;
  let i = 0;
  const next = (text: string): string => applySpans(text, spans[i++]!);
  const rebuild = (v: unknown): unknown => {
    if (typeof v === "string") return next(v);
    if (Array.isArray(v)) return isStrings(v) ? splitSpans(v, spans[i++]!) : v.map(rebuild);
    if (v === null || typeof v !== "object" || serializes(v)) return v;
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) {
      const shown = next(k);
      let key = shown;
      // Two keys that differ only in a credential both stay.
      for (let n = 2; Object.hasOwn(out, key); n++) key = `${shown} #${n}`;
      out[key] = rebuild(x);
    }
    return out;
  };
  return rebuild(value) as T;
}

/** The items of a list scanned as one line, each with its part of the line's (sorted) spans applied. */
function splitSpans(items: string[], spans: Span[]): string[] {
  let offset = 0;
  let s = 0;
  return items.map((item) => {
    const end = offset + item.length;
    const mine: Span[] = [];
    while (s < spans.length && spans[s]![0] < end) {
      const [a, b] = spans[s]!;
      if (b > offset) mine.push([Math.max(a, offset) - offset, Math.min(b, end) - offset]);
      if (b > end) break;
      s++;
    }
    offset = end + 1;
    return applySpans(item, mine);
  });
}
