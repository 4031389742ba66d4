// Text from a pull request's files, rendered inert in Markdown: GitHub turns `@team` into a
// notification, `#12` and URLs into links, `<img>` into HTML and a line starting with `#` into a
// heading. File text goes into code spans, where none of that happens; rule messages (our prose
// with file text in code spans) are checked, and any part of them that is not plain prose is put
// in a code span too, so a message built without `code()` still cannot inject Markdown.

/** Control, line-break and invisible characters: shown as spaces, so a span stays one visible line. */
const UNSHOWABLE = /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g;

function longestBacktickRun(s: string): number {
  let longest = 0;
  let run = 0;
  for (let i = 0; i < s.length; i++) {
    run = s.charCodeAt(i) === 96 ? run + 1 : 0;
    if (run > longest) longest = run;
  }
  return longest;
}

/**
 * `text` as one inline code span: the fence is one backtick longer than the longest run inside, so
 * backticks show as written; a space pads the content when it starts or ends with a backtick or a
 * space (CommonMark takes one away from each side). Line breaks become spaces: a line break inside
 * a span could start a heading or a list before the span closes.
 */
export function codeSpan(text: string): string {
  const one = text.replace(UNSHOWABLE, " ");
  if (one === "") return "` `";
  const fence = "`".repeat(longestBacktickRun(one) + 1);
  const pad = /^[` ]|[` ]$/.test(one) && one.trim() !== "" ? " " : "";
  return `${fence}${pad}${one}${pad}${fence}`;
}

/** A code span at `i` per CommonMark (a backtick run, then the next run of the same length), or none. */
function spanAt(s: string, i: number): number | undefined {
  let n = 0;
  while (s.charCodeAt(i + n) === 96) n++;
  for (let j = s.indexOf("`", i + n); j >= 0; ) {
    let m = 0;
    while (s.charCodeAt(j + m) === 96) m++;
    if (m === n) return j + m;
    j = s.indexOf("`", j + m);
  }
  return undefined;
}

/**
 * Prose that renders as itself: letters, digits, spaces and punctuation with no Markdown meaning,
 * no `@` (mentions), `#` (references, headings), brackets, `<`, `*`, `_`, `~`, `|`, `\`, `&`, `$`
 * (links, HTML, emphasis, tables, escapes, entities, math), and no URL GitHub would link.
 */
const PLAIN = /^[\p{L}\p{N}\p{M} .,;:()'"/=+?%→←…–—·-]*$/u;
const LINKED = /:\/\/|www\.|\bGH-\d/i;
/** At the start of a line these begin a block (list, quote, heading underline, numbered list). */
const BLOCK_START = /^\s*(?:[-+*>=]|\d+[.)])/;

const plain = (s: string, first: boolean): boolean => PLAIN.test(s) && !LINKED.test(s) && !(first && BLOCK_START.test(s));

/** One line of a message: its code spans kept, any part that is not plain prose put in a code span. */
function inertLine(line: string): string {
  let out = "";
  let prose = "";
  const flush = () => {
    if (!prose) return;
    if (plain(prose, out === "")) out += prose;
    else {
      // The spaces around stay outside the span, so the message reads as before.
      let a = 0;
      let b = prose.length;
      while (a < b && prose[a] === " ") a++;
      while (b > a && prose[b - 1] === " ") b--;
      out += prose.slice(0, a) + (b > a ? codeSpan(prose.slice(a, b)) : "") + prose.slice(b);
    }
    prose = "";
  };
  for (let i = 0; i < line.length; ) {
    const end = line[i] === "`" ? spanAt(line, i) : undefined;
    if (end === undefined) {
      // An unmatched backtick run is prose (and not plain): it is put in a span with the rest.
      let j = i + 1;
      while (j < line.length && line[j] !== "`") j++;
      if (line[i] === "`") while (j < line.length && line[j] === "`") j++;
      prose += line.slice(i, j);
      i = j;
      continue;
    }
    flush();
    out += line.slice(i, end);
    i = end;
  }
  flush();
  return out;
}

/**
 * A rule message for Markdown: each line inert (see `inertLine`), empty lines dropped and the
 * lines after the first indented by `indent`, so a message stays inside the list item or
 * paragraph it is written in.
 */
export function inertMarkdown(message: string, indent = "  "): string {
  return message
    .split(/\r\n|\r|\n/)
    .map((l) => l.trim())
    .filter((l) => l !== "")
    .map(inertLine)
    .join(`\n${indent}`);
}
