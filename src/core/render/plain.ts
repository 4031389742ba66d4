// Text for places GitHub shows as written (check annotations): Markdown code spans become quoted
// text, so a reader sees "npx -y tool" and not backticks. Pure: a message in, plain text out.

/**
 * Each code span (a run of n backticks up to the next run of exactly n, one padding space each
 * side dropped) as its content in double quotes; a run with no closing run is dropped. The runs are
 * found once and matched by length, so the text is read in one pass whatever runs it holds.
 */
export function plainText(markdown: string): string {
  const runs: { at: number; len: number }[] = [];
  for (let i = 0; i < markdown.length; i++) {
    if (markdown[i] !== "`") continue;
    let end = i;
    while (markdown[end] === "`") end++;
    runs.push({ at: i, len: end - i });
    i = end - 1;
  }
  // For each run, the next run of the same length (index into `runs`), found from the end.
  const next = new Array<number>(runs.length).fill(-1);
  const seen = new Map<number, number>();
  for (let r = runs.length - 1; r >= 0; r--) {
    next[r] = seen.get(runs[r]!.len) ?? -1;
    seen.set(runs[r]!.len, r);
  }
  let out = "";
  let pos = 0;
  for (let r = 0; r < runs.length; r++) {
    const open = runs[r]!;
    if (open.at < pos) continue; // inside a span already written
    out += markdown.slice(pos, open.at);
    const c = next[r]!;
    if (c < 0) {
      pos = open.at + open.len; // an unmatched run: no backticks reach the text
      continue;
    }
    let content = markdown.slice(open.at + open.len, runs[c]!.at);
    if (content.length > 1 && content.startsWith(" ") && content.endsWith(" ") && content.trim()) content = content.slice(1, -1);
    out += `"${content}"`;
    pos = runs[c]!.at + runs[c]!.len;
  }
  return out + markdown.slice(pos);
}
