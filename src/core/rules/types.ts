import type { Capability, CapabilityKind, CapabilityOf, ChangeType, Direction, Severity } from "../model.js";

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

/** Control, line-break and invisible characters: shown as spaces so quoted text stays one visible line. */
const UNSHOWABLE = /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g;

/**
 * Text from a capability file shown in a report: one line in a code span, so no Markdown, HTML,
 * links or @mentions from a pull request render in the app's comments.
 */
export const codeMax = (s: string, max: number): string => "`" + s.replace(UNSHOWABLE, " ").replace(/`/g, "'").slice(0, max) + "`";
/** `codeMax` at 200 characters; one parameter, so it is safe to pass to `map`. */
export const code = (s: string): string => codeMax(s, 200);

export type AnyCapability = Capability;
