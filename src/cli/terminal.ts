// Text the CLI prints comes from the files it reviewed: server names, headings, commands. A
// newline-free ESC sequence in a name could clear the screen, rewrite earlier lines or (OSC 52) set
// the clipboard. Every control character but newline and tab, and the bidirectional overrides that
// reorder what a reader sees, is printed as a visible `\u{…}` escape. JSON and SARIF stay valid: these
// characters only ever occur inside strings, where `\uXXXX` means the same character.
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

export function terminalSafe(text: string): string {
  return text.replace(UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/**
 * Markdown written for a comment (`explainText`), as a terminal shows it: no `**`, a fenced block's
 * lines indented instead of fenced. The same words as the comment, from the same function.
 */
export function markdownAsText(markdown: string): string {
  let fenced = false;
  const out: string[] = [];
  for (const line of markdown.split("\n")) {
    if (line.startsWith("```")) {
      fenced = !fenced;
      continue;
    }
    out.push(fenced ? `    ${line}` : line.replace(/\*\*/g, ""));
  }
  return out.join("\n");
}
