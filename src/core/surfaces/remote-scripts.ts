// "Download and run" in one shell statement: a pipe into an interpreter, process substitution,
// `sh -c "$(curl ...)"`, PowerShell `iex (iwr ...)` and `(New-Object Net.WebClient).DownloadString(...) | iex`.
// Whole-statement patterns (`\bcurl[^|;]*\|\s*sh...`) rescanned the statement from every download
// word that failed: quadratic in the words. Here the statement is cut at its `|` and `;` and each
// part is read once; only small patterns, anchored or linear, remain (checked by recheck in the tests).

const FETCH = String.raw`(?:curl|wget|iwr|irm|invoke-webrequest|invoke-restmethod|fetch|http)\b`;
// Prefixes are bounded and unambiguous (`KEY=` splits at the first `=`) so matching stays linear.
const INTERP = String.raw`(?:sudo\s+(?:-[^\s=]*\s+){0,4})?(?:env\s+(?:[A-Za-z_]\w*=\S*\s+){0,8})?(?:(?:ba|z|k|da|fi)?sh|python[0-9.]*|node|perl|ruby|php|pwsh|powershell|iex|invoke-expression|source)`;

const FETCH_WORD = new RegExp(String.raw`\b${FETCH}`, "i");
/** Sticky: at `lastIndex` exactly. */
const INTERP_AT = new RegExp(String.raw`\s*(?:${INTERP})\b`, "iy");
const FETCH_AT = new RegExp(String.raw`\s*${FETCH}`, "iy");
const INTERP_OR_EVAL = new RegExp(String.raw`\b(?:${INTERP}|eval)\b`, "gi");
/** `bash <(curl ...)`, `. <(wget ...)`: linear as it is. */
const PROCESS_SUBSTITUTION = new RegExp(String.raw`(?:\b(?:${INTERP})|(?:^|\s)\.)\s+(?:-\S+\s+)*<\(\s*${FETCH}[^)\n]*\)`, "i");
/** `iex (iwr ...)`, `iex ((New-Object ...)`: at most two parentheses, each with its own spaces. */
const IEX_OF_DOWNLOAD = /\b(?:iex|invoke-expression)\b\s*(?:\(\s*){0,2}(?:iwr|irm|invoke-webrequest|invoke-restmethod|new-object)\b[^\n]*/i;
const NEW_OBJECT = /\(\s*new-object\s/gi;
const DOWNLOAD_CALL = /\s*\.\s*download(?:string|file)\s*\(/iy;
const PIPE_TO_IEX = /\|\s*(?:iex|invoke-expression)\b/gi;

const isSpace = (c: string | undefined): boolean => c !== undefined && /\s/.test(c);

/** The end of the command that starts at `from`: the next `|`, `;`, `&` or line break. */
function commandEnd(code: string, from: number): number {
  let i = from;
  while (i < code.length && !"|;&\n".includes(code[i]!)) i++;
  return i;
}

/** `curl ... | sh`: a part ending in `|` that names a download, and an interpreter right after the pipe. */
function pipeIntoInterpreter(code: string): string | undefined {
  let partStart = 0;
  for (let p = 0; p <= code.length; p++) {
    const c = code[p];
    if (p < code.length && c !== "|" && c !== ";" && c !== "\n") continue;
    if (c === "|") {
      INTERP_AT.lastIndex = p + 1;
      const fetch = INTERP_AT.test(code) ? FETCH_WORD.exec(code.slice(partStart, p)) : null;
      if (fetch) return code.slice(partStart + fetch.index, commandEnd(code, INTERP_AT.lastIndex));
    }
    partStart = p + 1;
  }
  return undefined;
}

/** For each offset, the offset of the next character of `set` at or after it (one pass from the end). */
function nextOf(code: string, set: string): Int32Array {
  const out = new Int32Array(code.length + 1);
  out[code.length] = code.length;
  for (let i = code.length - 1; i >= 0; i--) out[i] = set.includes(code[i]!) ? i : out[i + 1]!;
  return out;
}

/** `sh -c "$(curl ...)"`, `eval "$(wget ...)"`: an interpreter, then, before the command ends, `$(` and a download. */
function interpreterOfDownload(code: string): string | undefined {
  // `$(` offsets followed by a download and then a `)` on the same line; where that `)` is.
  const close = nextOf(code, ")");
  const newline = nextOf(code, "\n");
  const subs: { at: number; close: number }[] = [];
  for (let q = code.indexOf("$("); q >= 0; q = code.indexOf("$(", q + 2)) {
    FETCH_AT.lastIndex = q + 2;
    if (!FETCH_AT.test(code)) continue;
    const c = close[FETCH_AT.lastIndex]!;
    if (c < code.length && c < newline[FETCH_AT.lastIndex]!) subs.push({ at: q, close: c });
  }
  if (!subs.length) return undefined;
  const breaks = nextOf(code, ";|\n");
  let k = 0;
  INTERP_OR_EVAL.lastIndex = 0;
  for (let m = INTERP_OR_EVAL.exec(code); m; m = INTERP_OR_EVAL.exec(code)) {
    const end = m.index + m[0].length;
    while (k < subs.length && subs[k]!.at < end) k++;
    if (k === subs.length) return undefined;
    // The first such `$(` after the interpreter, with no `;`, `|` or line break between (a quote may precede it).
    const sub = subs[k]!;
    if (breaks[end]! < sub.at) continue;
    const quote = code[sub.close + 1] === '"' || code[sub.close + 1] === "'" ? 1 : 0;
    return code.slice(m.index, sub.close + 1 + quote);
  }
  return undefined;
}

/** `(New-Object Net.WebClient).DownloadString('...') | iex`, to the last `| iex` of the line. */
function webClientIntoIex(code: string): string | undefined {
  let group = -1; // the `)` that failed: every `(new-object` before it fails alike
  NEW_OBJECT.lastIndex = 0;
  for (let m = NEW_OBJECT.exec(code); m; m = NEW_OBJECT.exec(code)) {
    if (m.index < group) continue;
    const close = code.indexOf(")", m.index);
    if (close < 0) return undefined;
    group = close;
    // `new-object` and a space, anything, then `webclient` and spaces up to the `)`.
    let w = close;
    while (w > 0 && isSpace(code[w - 1])) w--;
    const head = w - "webclient".length;
    if (head < m.index + m[0].length || code.slice(head, w).toLowerCase() !== "webclient") continue;
    DOWNLOAD_CALL.lastIndex = close + 1;
    if (!DOWNLOAD_CALL.test(code)) continue;
    const args = code.indexOf(")", DOWNLOAD_CALL.lastIndex);
    if (args < 0) return undefined;
    const line = code.indexOf("\n", args);
    const rest = code.slice(args + 1, line < 0 ? code.length : line);
    let last: RegExpExecArray | undefined;
    PIPE_TO_IEX.lastIndex = 0;
    for (let p = PIPE_TO_IEX.exec(rest); p; p = PIPE_TO_IEX.exec(rest)) last = p;
    // A later `(new-object` has less of the line after it: no `| iex` here, none there.
    return last ? code.slice(m.index, args + 1 + last.index + last[0].length) : undefined;
  }
  return undefined;
}

/** The first "download and run" shape in one statement (checked in this order), as written; or undefined. */
export function remoteScriptOf(code: string): string | undefined {
  return (
    pipeIntoInterpreter(code) ??
    PROCESS_SUBSTITUTION.exec(code)?.[0] ??
    interpreterOfDownload(code) ??
    IEX_OF_DOWNLOAD.exec(code)?.[0] ??
    webClientIntoIex(code)
  );
}
