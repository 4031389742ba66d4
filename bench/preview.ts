// `npm run preview`: the Markdown of each report (check summary, sticky comment, an inline comment)
// for the bundled example, and one HTML page that renders them as GitHub does (markdown-it with
// GFM tables and linkify, github-markdown-css), light and dark side by side. Open preview/index.html
// in a browser, or screenshot it with headless Chromium (README, "Looking at the reports").
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import MarkdownIt from "markdown-it";
import { checkRunOutput, inlineComments, stickyComment } from "../src/app/report.js";
import { blobLineUrl } from "../src/core/render/markdown.js";
import { DEFAULT_POLICY } from "../src/core/policy.js";
import { review } from "../src/core/review.js";
import { scopeMatcher } from "../src/core/scope.js";
import { readTree } from "../src/cli/sources.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const out = join(root, "preview");
const SHA = "4f1c2a9e0b7d6c5a4f3e2d1c0b9a8f7e6d5c4b3a";
const lineUrl = blobLineUrl("https://github.com/acme/agents", SHA);

const scope = scopeMatcher(DEFAULT_POLICY.paths);
const base = readTree(join(root, "examples/base"), scope);
const head = readTree(join(root, "examples/head"), scope);
const verdict = review({ base, head });
// Every added line of the head counts as added, as in a pull request that creates the files.
const patches = new Map([...head].map(([path, text]) => [path, `@@ -0,0 +1,${String(text).split("\n").length} @@\n` + String(text).split("\n").map((l) => "+" + l).join("\n")]));

const check = checkRunOutput(verdict, { lineUrl });
const reports: Record<string, string> = {
  "check-summary.md": check.summary,
  "sticky-comment.md": stickyComment(verdict, { lineUrl }),
  "inline-comment.md": inlineComments(verdict, patches, new Set())[0]?.body ?? "",
};

const md = new MarkdownIt({ html: true, linkify: true });
const css = readFileSync(createRequire(import.meta.url).resolve("github-markdown-css/github-markdown.css"), "utf8");
mkdirSync(out, { recursive: true });
const sections: string[] = [];
for (const [name, text] of Object.entries(reports)) {
  writeFileSync(join(out, name), text);
  const html = md.render(text);
  sections.push(
    `<h1 class="name">${name}</h1><div class="pair">` +
      ["light", "dark"].map((theme) => `<article class="markdown-body" data-theme="${theme}">${html}</article>`).join("") +
      "</div>",
  );
}
// github-markdown.css themes by prefers-color-scheme; the page shows both at once, so the dark
// variables are copied under [data-theme=dark].
const dark = /@media \(prefers-color-scheme: dark\) \{\s*\.markdown-body,\s*\[data-theme="dark"\] \{([\s\S]*?)\n  \}\n\}/.exec(css)?.[1] ?? "";
const page = `<!doctype html><meta charset="utf-8"><title>capability-review preview</title>
<style>${css}
.markdown-body[data-theme="dark"] {${dark}}
.markdown-body[data-theme="light"] { color-scheme: light; }
body { margin: 0; background: #888; font-family: sans-serif; }
.pair { display: grid; grid-template-columns: 1fr 1fr; gap: 16px; padding: 0 16px 16px; }
.markdown-body { padding: 24px; border-radius: 6px; min-width: 0; }
h1.name { font-size: 14px; color: #fff; padding: 8px 16px; margin: 0; }
</style>
${sections.join("\n")}`;
writeFileSync(join(out, "index.html"), page);
console.log(`wrote ${Object.keys(reports).length} reports and ${relative(root, join(out, "index.html"))}`);
