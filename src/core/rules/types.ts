import { redactCredentials } from "../credentials.js";
import type { Capability, CapabilityKind, CapabilityOf, ChangeType, Direction, Severity } from "../model.js";
import { codeSpan } from "../render/inert.js";

/** A structural change before rules classify it. */
export interface RawChange<K extends CapabilityKind = CapabilityKind> {
  kind: K;
  key: string;
  change: ChangeType;
  before?: CapabilityOf<K>;
  after?: CapabilityOf<K>;
}

/** What a rule reports for one change; severity defaults to the rule's. */
export interface Hit {
  rule: string;
  direction: Direction;
  message: string;
  severity?: Severity;
  /** Line of the item the hit is about, when it is not the capability's own line. */
  line?: number;
  /** The item the hit is about (see Finding.subject). */
  subject?: string;
}

export type Evaluator<K extends CapabilityKind> = (change: RawChange<K>) => Hit[];

export const escalation = (rule: string, message: string, severity?: Severity): Hit => ({
  rule, direction: "escalation", message, ...(severity ? { severity } : {}),
});

/** The default outcome for removals and other narrowing changes. */
export const reduction = (message: string): Hit => ({ rule: "capability.removed", direction: "reduction", message });

export const neutral = (message: string, rule = "capability.changed"): Hit => ({ rule, direction: "neutral", message });

/** Items of `after` not in `before`. */
export function added<T>(before: readonly T[] | undefined, after: readonly T[] | undefined): T[] {
  const b = new Set(before ?? []);
  return (after ?? []).filter((x) => !b.has(x));
}

/**
 * Text from a capability file shown in a report: one line in a code span (see render/inert.ts:
 * backticks inside show as written, line breaks as spaces), so no Markdown, HTML, links or
 * @mentions from a pull request render in the app's comments. At most `max` characters: a text
 * cut to fit loses its credentials first, since no pattern knows a token by its first half (whole
 * texts are redacted where reports are written, render/outbound.ts).
 */
export const codeMax = (s: string, max: number): string => codeSpan(s.length > max ? cut(redactCredentials(s), max) : s);
/** `codeMax` at 200 characters; one parameter, so it is safe to pass to `map`. */
export const code = (s: string): string => codeMax(s, 200);

/** At most `max` UTF-16 units, never half a surrogate pair. */
function cut(s: string, max: number): string {
  if (s.length <= max) return s;
  const code = s.charCodeAt(max - 1);
  return s.slice(0, code >= 0xd800 && code <= 0xdbff ? max - 1 : max);
}

export interface RuleDef {
  id: string;
  severity: Severity;
  /** One line, for tables. */
  title: string;
  /** One paragraph: why it matters and what to check before approving. */
  explanation: string;
}

export const rule = (id: string, severity: Severity, title: string, explanation: string): RuleDef => ({ id, severity, title, explanation });

export type AnyCapability = Capability;
