// The Markdown report (CLI, check summary, sticky comment): findings sit under their file's heading,
// so a file problem's `path:line:` prefix (kept for plain-text and JSON output) is not said twice.
import { renderReviewMarkdown } from "../../src/core/render/markdown.js";
import { review } from "../../src/core/review.js";

const broken = '{\n  "mcpServers": {\n    "a": { "command": "npx" }\n    "b": {}\n  }\n}\n';

test("a file problem reads 'line N: why', once; its JSON message keeps the prefix", () => {
  const v = review({ base: new Map(), head: new Map([[".mcp.json", broken]]) });
  const [problem] = v.findings;
  expect(problem).toMatchObject({ rule: "file.parse-error", path: ".mcp.json", line: 4 });
  expect(problem!.message.startsWith(".mcp.json:4: ")).toBe(true);
  const md = renderReviewMarkdown(v);
  const line = md.split("\n").find((l) => l.startsWith("- ") && l.includes("`file.parse-error`"))!;
  expect(line).toContain("`file.parse-error` line 4: ");
  expect(line).not.toContain(".mcp.json:4:");
  expect(line.endsWith(problem!.message.slice(".mcp.json:4: ".length))).toBe(true);
});

test("other findings are shown with their message as written", () => {
  const head = JSON.stringify({ mcpServers: { web: { command: "npx", args: ["-y", "web-mcp"] } } }, null, 2);
  const v = review({ base: new Map(), head: new Map([[".mcp.json", head]]) });
  const md = renderReviewMarkdown(v);
  for (const f of v.findings) expect(md).toContain(`\`${f.rule}\` line ${f.line}: ${f.message}`);
});
