// The redaction behind the one way out (src/core/credentials.ts, src/core/render/outbound.ts): the
// secretlint preset's rules do the work, the short list of our own shapes fills its gaps, every
// expression is linear on hostile input, and what is not a credential passes untouched.
import { checkSync } from "recheck";
import { credentialSpansEach, EXTRA, redactCredentials, REDACTED } from "../../src/core/credentials.js";
import { outbound, outboundJson } from "../../src/core/render/outbound.js";
import { reviewJson } from "../../src/core/render/json.js";
import { RULES } from "../../src/core/rules/registry.js";
import { hits, json, reviewPair } from "../review-helpers.js";
import { expectNoBlowUp } from "../helpers.js";
import { fake } from "./leaks-fixtures.js";

const hex = "0123456789abcdef";

describe("the secretlint preset's rules do the work", () => {
  // Shapes only the preset knows: no expression of our own list matches them.
  test.each([
    ["Shopify access token", `shpat_${fake("shopify", 32, hex)}`],
    ["Docker personal access token", `dckr_pat_${fake("docker", 27)}`],
    ["HashiCorp Vault service token", `hvs.${fake("vault", 95)}`],
    ["SendGrid key", `SG.${fake("sg-a", 22)}.${fake("sg-b", 43)}`],
  ])("%s", (_, secret) => {
    expect(EXTRA.some((e) => new RegExp(e.re.source, e.re.flags).test(secret))).toBe(false);
    expect(redactCredentials(`deploy --with ${secret} now`)).toBe(`deploy --with ${REDACTED} now`);
  });

  test("a `secretlint-disable` comment in the text switches nothing off (the text is the attacker's)", () => {
    const secret = `shpat_${fake("shopify-2", 32, hex)}`;
    expect(redactCredentials(`<!-- secretlint-disable -->\n${secret}\n// secretlint-disable-line\n`)).not.toContain(secret);
  });

  test("a reported URL keeps its host: only the secret part is hidden", () => {
    const hook = `https://hooks.slack.com/services/T${fake("t", 8, "ABCDEFGH0123")}/B${fake("b", 10, "ABCDEFGH0123")}/${fake("h", 24)}`;
    expect(redactCredentials(hook)).toBe(`https://hooks.slack.com/${REDACTED}`);
    const pw = fake("pg", 16);
    expect(redactCredentials(`postgres://app:${pw}@db.example.net:5432/app`)).toBe(`postgres://app:${REDACTED}@db.example.net:5432/app`);
  });
});

describe("what is not a credential passes untouched", () => {
  test.each([
    `sha256:${fake("fp", 64, hex)}`,
    "https://github.com/acme/tools/blob/cc0ea57afc3815225f497fb403f5df39176867b2/README.md",
    "plugins/MyPlugin2/skills/DeployTools/scripts/runAll2024.sh",
    "npx -y @modelcontextprotocol/server-filesystem@2025.8.21 .",
    "f47ac10b-58cc-4372-a567-0e02b2c3d479",
    "Authorization: Bearer ${GITHUB_TOKEN}",
    "password: ${DB_PASSWORD}",
    "--api-key $API_KEY",
    "git clone https://x-access-token:${GITHUB_TOKEN}@github.com/o/r.git",
    "https://maps.example.net/geocode?key=${MAPS_KEY}&q=x",
    'new Client({ token: process.env.SERVICE_TOKEN })',
    '"apiKeyHelper": "/bin/get-key.sh", "bearer_token_env_var": "REMOTE_TOKEN", "authentication": "ON_USE"',
    "HTTP Bearer authentication and token permissions",
    "uses: actions/checkout@v5 on ubuntu-latest",
  ])("%s", (text) => {
    expect(redactCredentials(text)).toBe(text);
  });

  test("the rules' own titles and explanations (SARIF, annotations' details) pass unchanged", () => {
    for (const r of RULES) {
      expect(outbound(r.title)).toBe(r.title);
      expect(outbound(r.explanation)).toBe(r.explanation);
    }
  });
});

describe("outboundJson", () => {
  test("every string, keys included, and an argument list read as one command line", () => {
    const pw = fake("json-pw", 18);
    const tok = `ghp_${fake("json-ghp", 36)}`;
    const input = { args: ["curl", "-u", `admin:${pw}`, "https://ci.example.net"], [`Bash(notify ${tok})`]: true, when: new Date("2026-01-02T03:04:05Z"), n: 3 };
    const before = JSON.stringify(input);
    const out = outboundJson(input);
    expect(out.args).toEqual(["curl", "-u", `admin:${REDACTED}`, "https://ci.example.net"]);
    expect(Object.keys(out)).toEqual(["args", `Bash(notify ${REDACTED})`, "when", "n"]);
    expect(out.when).toEqual(new Date("2026-01-02T03:04:05Z"));
    expect(JSON.stringify(input)).toBe(before); // the input is not changed
    const clean = { a: ["x", "y"], b: "plain" };
    expect(outboundJson(clean)).toBe(clean);
  });

  test("two keys that differ only in a credential both stay", () => {
    const [a, b] = [`ghp_${fake("k1", 36)}`, `ghp_${fake("k2", 36)}`];
    expect(Object.keys(outboundJson({ [`run ${a}`]: 1, [`run ${b}`]: 2 }))).toEqual([`run ${REDACTED}`, `run ${REDACTED} #2`]);
  });

  test("texts scanned together are redacted as each alone would be", () => {
    const texts = [`token: ${fake("t1", 20)}`, "plain", `Bearer ${fake("t2", 30)}`, "x", `token: ${fake("t1", 20)}`];
    expect(credentialSpansEach(texts).map((s, i) => (s.length ? redactCredentials(texts[i]!) : texts[i]))).toEqual(texts.map(redactCredentials));
  });
});

describe("Gemini settings hooks are redacted like every other hook surface", () => {
  const tok = (seed: string) => `ghp_${fake(seed, 36)}`;
  const file = (...commands: string[]) => json({ hooks: { BeforeTool: [{ matcher: "run_shell_command", hooks: commands.map((command) => ({ type: "command", command })) }] } });

  test("the command is shown redacted; another token is another fingerprint; two hooks that differ only in it stay two", () => {
    const one = reviewPair({ ".gemini/settings.json": [undefined, file(`notify --token ${tok("g1")}`)] });
    const shown = JSON.stringify(reviewJson(one));
    expect(shown).not.toContain(tok("g1"));
    expect(hits(one, "hooks.command-added")[0]!.message).toContain("notify --token <redacted>");
    const two = reviewPair({ ".gemini/settings.json": [undefined, file(`notify --token ${tok("g2")}`)] });
    expect(two.fingerprint).not.toBe(one.fingerprint);
    const both = reviewPair({ ".gemini/settings.json": [undefined, file(`notify --token ${tok("g1")}`, `notify --token ${tok("g2")}`)] });
    expect(hits(both, "hooks.command-added")).toHaveLength(2);
  });
});

describe("linear on hostile input", () => {
  // Each input repeats what makes an expression start over and fail late.
  test.each([
    ["GitHub installation-token starts", (n: number) => "ghs_0_".repeat(n)],
    ["GitLab prefixes", (n: number) => "glpat-".repeat(n)],
    ["JWT starts without dots", (n: number) => "eyJa-".repeat(n)],
    ["private key headers", (n: number) => "-----BEGIN RSA PRIVATE KEY-----".repeat(n)],
    ["`-u=`", (n: number) => "-u=".repeat(n)],
    ["names with dashes and no value", (n: number) => "A-".repeat(n) + ":"],
    ["secret names, one after the other", (n: number) => "password=x://".repeat(n)],
    ["URL starts", (n: number) => "https://a:".repeat(n)],
    ["query keys", (n: number) => "?token=a".repeat(n)],
    ["authorization schemes", (n: number) => "Bearer ".repeat(n)],
    ["cut words", (n: number) => "Ab1Ab1Ab1…".repeat(n)],
    ["one long random run", (n: number) => fake("run", n * 8, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")],
    ["Slack token groups", (n: number) => "xoxb-1-".repeat(n)],
  ])("%s", (_, make) => {
    expectNoBlowUp(make, redactCredentials, 500, 10_000);
  });

  test("a list of many arguments, each with a credential, in JSON", () => {
    const make = (n: number) => ({ args: Array.from({ length: n }, (_, i) => `--token=${fake(`a${i % 50}`, 24)}`) });
    expectNoBlowUp(make, outboundJson, 200, 4_000);
  });
});

describe("no expression is super-linear (recheck)", () => {
  // Ours, and the preset's (recorded as its rules run: they are built inside its functions).
  const seen = new Map<string, RegExp>();
  beforeAll(() => {
    const original = String.prototype.matchAll;
    String.prototype.matchAll = function (this: string, re: RegExp) {
      if (re instanceof RegExp) seen.set(`/${re.source}/${re.flags}`, re);
      return original.call(this, re);
    } as typeof original;
    try {
      redactCredentials("a text with nothing in it, long enough to be scanned by every rule");
    } finally {
      String.prototype.matchAll = original;
    }
  });

  /** recheck's verdict; its fuzzer is timed, so an undecided run on a busy machine is run again. */
  const verdict = (re: RegExp, params: Parameters<typeof checkSync>[2]) => {
    const d = checkSync(re.source, re.flags.replace("d", ""), params);
    return d.status === "unknown" ? checkSync(re.source, re.flags.replace("d", ""), params) : d;
  };

  test("our own list: safe", () => {
    const flagged = EXTRA.map((e) => ({ re: e.re.source, d: verdict(e.re, { timeout: 30_000 }) }))
      .filter(({ d }) => d.status !== "safe")
      .map(({ re, d }) => `${re}: ${d.status}`);
    expect(flagged).toEqual([]);
  }, 300_000);

  test("the preset's: every rule ran, and none is vulnerable to the automaton analysis", () => {
    // recheck's fuzzer finds some of them polynomial: bounded repetitions ({1,1000}, {20,128})
    // tried again from each start, linear in the input with a constant factor (the hostile
    // inputs above measure it). The automaton analysis decides the rest; a few time out.
    expect(seen.size).toBeGreaterThan(30);
    const preset = [...seen.values()].filter((re) => !EXTRA.some((e) => e.re.source === re.source));
    const results = preset.map((re) => ({ re: re.source, d: verdict(re, { checker: "automaton", timeout: 5_000 }) }));
    expect(results.filter(({ d }) => d.status === "vulnerable").map(({ re }) => re)).toEqual([]);
    expect(results.filter(({ d }) => d.status === "safe").length).toBeGreaterThanOrEqual(preset.length - 5);
  }, 300_000);
});
