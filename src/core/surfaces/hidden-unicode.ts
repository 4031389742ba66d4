// Invisible characters in instruction text (the "rules file backdoor", Trojan Source, ASCII smuggling
// with tag characters or variation selectors). Ordinary non-ASCII text must never match: accents,
// CJK (including ideographic variation sequences), emoji with ZWJ, FE0F, skin tones and subdivision
// flags, and a byte-order mark at the start of the file.

export interface HiddenItem {
  /** `U+200B in "Run the ⟦U+200B⟧ tests"`: code points and the line with them made visible. */
  text: string;
  line: number;
  /** 1-based column, in code points. */
  column: number;
}

/** Invisible wherever they appear (context-dependent ones are handled in `isHidden`). */
const ALWAYS_HIDDEN = /^[\u200B\u2060-\u2064\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C\u00AD\u180E\u3164\u115F\u1160\u2028\u2029\u{E0000}-\u{E007F}]$/u;
const VARIATION_SELECTOR = /^[\uFE00-\uFE0F\u{E0100}-\u{E01EF}]$/u;
const PICTOGRAPHIC = /^\p{Extended_Pictographic}$/u;
const SKIN_TONE = /^[\u{1F3FB}-\u{1F3FF}]$/u;
const IDEOGRAPH = /^\p{Unified_Ideograph}$/u;
const KEYCAP_BASE = /^[0-9#*]$/;
/** Letters of scripts that use ZWJ / ZWNJ in ordinary writing (Arabic, Persian, Indic...). */
const JOINING_SCRIPT = /^[\p{L}\p{M}]$/u;
const LATIN_LIKE = /^[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}\p{Script=Common}]$/u;
/** Tag characters that spell a subdivision flag after U+1F3F4 (England, Scotland, Wales). */
const FLAG_TAG = /^[\u{E0030}-\u{E0039}\u{E0061}-\u{E007A}]$/u;

const hex = (cp: number): string => "U+" + cp.toString(16).toUpperCase().padStart(4, "0");
const cpOf = (ch: string | undefined): number => (ch === undefined ? -1 : ch.codePointAt(0)!);

/** Skips emoji modifiers back to the base character before index `i` (exclusive). */
function emojiBase(cps: string[], i: number): string | undefined {
  let j = i - 1;
  while (j >= 0 && (SKIN_TONE.test(cps[j]!) || cps[j] === "\uFE0F" || cps[j] === "\u20E3")) j--;
  return cps[j];
}

function isJoiningLetter(ch: string | undefined): boolean {
  return ch !== undefined && JOINING_SCRIPT.test(ch) && !LATIN_LIKE.test(ch);
}

/** Indices of a valid subdivision-flag tag sequence (U+1F3F4, 1–6 tag letters, U+E007F). */
function flagTagRange(cps: string[], start: number): number {
  if (cps[start] !== "\u{1F3F4}") return 0;
  let j = start + 1;
  while (j < cps.length && j - start <= 7 && FLAG_TAG.test(cps[j]!)) j++;
  return j > start + 1 && cps[j] === "\u{E007F}" ? j - start : 0;
}

function isHidden(cps: string[], i: number, fileStart: boolean): boolean {
  const ch = cps[i]!;
  const cp = cpOf(ch);
  if (cp === 0xfeff) return !(fileStart && i === 0);
  if (cp === 0x200d || cp === 0x200c) {
    const prev = cps[i - 1];
    const next = cps[i + 1];
    if (cp === 0x200d && next !== undefined && PICTOGRAPHIC.test(next)) {
      const base = emojiBase(cps, i);
      if (base !== undefined && PICTOGRAPHIC.test(base)) return false;
    }
    return !(isJoiningLetter(prev) && isJoiningLetter(next));
  }
  if (VARIATION_SELECTOR.test(ch)) {
    // Two selectors in a row never happen in text: that is data smuggled one byte per selector.
    if (VARIATION_SELECTOR.test(cps[i - 1] ?? "") || VARIATION_SELECTOR.test(cps[i + 1] ?? "")) return true;
    const prev = cps[i - 1];
    if (prev === undefined) return true;
    if (PICTOGRAPHIC.test(prev) || SKIN_TONE.test(prev)) return false;
    if ((cp === 0xfe0f || cp === 0xfe0e) && KEYCAP_BASE.test(prev) && cps[i + 1] === "\u20E3") return false;
    return !IDEOGRAPH.test(prev);
  }
  return ALWAYS_HIDDEN.test(ch);
}

/** Every run of invisible characters, one item per run, in file order. */
export function findHidden(text: string): HiddenItem[] {
  const out: HiddenItem[] = [];
  const lines = text.split("\n");
  for (const [n, line] of lines.entries()) {
    if (/^[\x00-\x7f]*$/.test(line)) continue; // fast path for ASCII lines
    const cps = Array.from(line.replace(/\r$/, ""));
    const hidden = new Array<boolean>(cps.length).fill(false);
    for (let i = 0; i < cps.length; i++) {
      const flag = flagTagRange(cps, i);
      if (flag) {
        i += flag; // the closing U+E007F is part of the flag
        continue;
      }
      hidden[i] = isHidden(cps, i, n === 0);
    }
    const runs: Array<[number, number]> = [];
    for (let i = 0; i < cps.length; i++) {
      if (!hidden[i]) continue;
      let j = i;
      while (j + 1 < cps.length && hidden[j + 1]) j++;
      runs.push([i, j]);
      i = j;
    }
    if (!runs.length) continue;
    const visible = visibleLine(cps, runs);
    // Spaces folded once per line, not once per run: a line of many runs was quadratic (1 MB of
    // `\u2028` among spaces exhausted a 4 GB heap).
    const folded = visible.text.replace(/\s+/g, " ");
    for (const [s, e] of runs) {
      const points = [...new Set(cps.slice(s, e + 1).map((c) => hex(cpOf(c))))];
      const shown = points.length > 4 ? `${points.slice(0, 4).join(" ")} …` : points.join(" ");
      const count = e > s ? ` (${e - s + 1} characters)` : "";
      out.push({ text: `${shown}${count} in "${clipAround(folded, visible.offsets.get(s) ?? 0)}"`, line: n + 1, column: s + 1 });
    }
  }
  return out;
}

/** The line with each run replaced by a visible marker; offsets maps run start → marker offset. */
function visibleLine(cps: string[], runs: Array<[number, number]>): { text: string; offsets: Map<number, number> } {
  let text = "";
  const offsets = new Map<number, number>();
  let i = 0;
  for (const [s, e] of runs) {
    text += cps.slice(i, s).join("");
    offsets.set(s, text.length);
    text += marker(cps.slice(s, e + 1));
    i = e + 1;
  }
  text += cps.slice(i).join("");
  return { text, offsets };
}

function marker(run: string[]): string {
  const cps = run.map(cpOf);
  // Tag characters mirror ASCII: show the smuggled text itself.
  if (cps.every((c) => c >= 0xe0000 && c <= 0xe007f)) {
    const decoded = cps.map((c) => (c >= 0xe0020 && c <= 0xe007e ? String.fromCharCode(c - 0xe0000) : "")).join("");
    return `⟦tag text «${decoded}»⟧`;
  }
  if (run.length > 4) return `⟦${hex(cps[0]!)} …×${run.length}⟧`;
  return cps.map((c) => `⟦${hex(c)}⟧`).join("");
}

/** At most ~160 characters of the line (its spaces folded), around the marker. */
function clipAround(t: string, at: number): string {
  if (t.length <= 160) return t.trim();
  const start = Math.max(0, Math.min(at - 60, t.length - 160));
  return `${start > 0 ? "…" : ""}${t.slice(start, start + 160).trim()}${start + 160 < t.length ? "…" : ""}`;
}
