// Credentials planted in capability files, for the leak tests: fake values written for these tests,
// shaped like the real ones (prefixes, lengths, alphabets), each in every place a file kind has for
// text. Values come from a hash of a seed, so they look generated and never change between runs.
import { createHash } from "node:crypto";

const UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
const DIGITS = "0123456789";
const ALNUM = UPPER + UPPER.toLowerCase() + DIGITS;

/** `n` characters of `alphabet`, always the same for the same seed. */
export function fake(seed: string, n: number, alphabet = ALNUM): string {
  let out = "";
  for (let block = 0; out.length < n; block++) {
    for (const b of createHash("sha256").update(`leaks/${seed}/${block}`).digest()) if (out.length < n) out += alphabet[b % alphabet.length];
  }
  return out;
}

const b64url = (s: string) => Buffer.from(s).toString("base64url");

export interface Credential {
  name: string;
  /** How it appears in a shell command or in prose (one line, except the private key). */
  phrase: string;
  /** A bare value: an env value, a header value, a `with:` input. */
  value: string;
  /** A URL that carries it, when it has a URL form. */
  url?: string;
  /** What must appear in no output: the value, and distinctive parts of it. */
  needles: string[];
}

/** A random body's first and last 12 characters too: a clipped token still leaks its start. */
const token = (name: string, prefix: string, body: string, phrase: (t: string) => string, url = true): Credential => {
  const t = prefix + body;
  return { name, phrase: phrase(t), value: t, ...(url ? { url: `https://api.example.net/v1/${t}/events` } : {}), needles: [t, body.slice(0, 12), body.slice(-12)] };
};

const pw = (seed: string) => fake(seed, 18);

const jwt = [b64url('{"alg":"HS256","typ":"JWT"}'), b64url('{"sub":"svc-release","scope":"deploy:write","iat":1795000000}'), fake("jwt-sig", 43, ALNUM + "-_")].join(".");
const pemLines = [0, 1, 2, 3, 4].map((i) => (i === 0 ? "b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAAB" + fake("pem0", 18, ALNUM + "+/") : fake(`pem${i}`, 70, ALNUM + "+/")));
const pem = ["-----BEGIN OPENSSH PRIVATE KEY-----", ...pemLines, "-----END OPENSSH PRIVATE KEY-----"].join("\n");

const bearer = fake("bearer", 40);
const basicPw = pw("basic");
const basic = Buffer.from(`release-bot:${basicPw}`).toString("base64");
const curlPw = pw("curl-u");
const userinfoPw = pw("userinfo");
const accessToken = fake("access-token", 32);
const apiKey = fake("api-key", 32);
const slackHook = fake("slack-hook", 24);
const slackTeam = "T" + fake("slack-team", 8, UPPER + DIGITS);
const slackBot = "B" + fake("slack-bot", 10, UPPER + DIGITS);
const discordId = fake("discord-id", 18, DIGITS);
const discordToken = fake("discord-token", 68, ALNUM + "-_");
const commentPw = pw("comment");
const dotenvPw = pw("dotenv");
const pgPw = pw("postgres");
const awsSecret = fake("aws-secret", 40, ALNUM + "/+");

export const CREDENTIALS: Credential[] = [
  token("GitHub classic token", "ghp_", fake("ghp", 36), (t) => `gh-release-notes ${t}`),
  token("GitHub OAuth token", "gho_", fake("gho", 36), (t) => `printf %s ${t} | gh auth login --with-token`),
  token("GitHub fine-grained token", "github_pat_", `${fake("pat-a", 22)}_${fake("pat-b", 59)}`, (t) => `git clone https://x:${t}@github.com/acme/private.git`, false),
  token("AWS access key id", "AKIA", fake("akid", 16, UPPER + "234567"), (t) => `aws configure set aws_access_key_id ${t}`),
  { name: "AWS secret access key", phrase: `AWS_SECRET_ACCESS_KEY=${awsSecret} aws s3 sync ./dist s3://releases-example`, value: awsSecret, needles: [awsSecret, awsSecret.slice(0, 12), awsSecret.slice(-12)] },
  token("Slack bot token", "xoxb-", `${fake("xoxb-1", 11, DIGITS)}-${fake("xoxb-2", 13, DIGITS)}-${fake("xoxb-3", 24)}`, (t) => `slack-notify --channel ops ${t}`),
  token("Stripe live key", "sk_live_", fake("stripe", 48), (t) => `stripe listen --api-key ${t}`),
  { ...token("Google API key", "AIza", fake("google", 35, ALNUM + "_"), (t) => `curl "https://maps.example.net/geocode?address=x&key=${t}"`), url: `https://maps.example.net/geocode?key=AIza${fake("google", 35, ALNUM + "_")}` },
  token("OpenAI project key", "sk-proj-", `${fake("openai-a", 58)}T3BlbkFJ${fake("openai-b", 58)}`, (t) => `llm keys set openai --value ${t}`),
  token("Anthropic API key", "sk-ant-api03-", `${fake("anthropic", 93)}AA`, (t) => `claude-proxy --upstream ${t}`),
  token("npm token", "npm_", fake("npm", 36), (t) => `npm config set //registry.npmjs.org/:_authToken ${t}`),
  { name: "JWT", phrase: `curl -H "X-Session: ${jwt}" https://api.example.net/v1/deploys`, value: jwt, url: `https://api.example.net/v1/session/${jwt}`, needles: [jwt, ...jwt.split(".").slice(1)] },
  { name: "private key block", phrase: `printf '%s\\n' '${pem}' > ~/.ssh/deploy_key`, value: pem, needles: pemLines.map((l) => l.slice(-40)) },
  { name: "Bearer header", phrase: `curl -fsS -H "Authorization: Bearer ${bearer}" https://deploy.example.net/hooks/release`, value: `Bearer ${bearer}`, needles: [bearer, bearer.slice(0, 12)] },
  { name: "Basic header", phrase: `curl -H "Authorization: Basic ${basic}" https://artifacts.example.net/upload`, value: `Basic ${basic}`, needles: [basic, basicPw] },
  { name: "curl -u user:password", phrase: `curl -u admin:${curlPw} https://jenkins.example.net/job/deploy/build`, value: `admin:${curlPw}`, needles: [curlPw] },
  (() => {
    const url = `https://ci-bot:${userinfoPw}@packages.example.net/simple/`;
    return { name: "URL userinfo", phrase: `pip install --index-url ${url} internal-tools`, value: url, url, needles: [userinfoPw] };
  })(),
  (() => {
    const url = `https://events.example.net/v1/ingest?channel=ops&access_token=${accessToken}`;
    return { name: "?access_token= query value", phrase: `curl -fsS "${url}"`, value: url, url, needles: [accessToken] };
  })(),
  (() => {
    const url = `https://metrics.example.net/push?api_key=${apiKey}&env=ci`;
    return { name: "?api_key= query value", phrase: `curl -X POST "${url}"`, value: url, url, needles: [apiKey] };
  })(),
  (() => {
    const url = `https://hooks.slack.com/services/${slackTeam}/${slackBot}/${slackHook}`;
    return { name: "Slack webhook URL", phrase: `curl -X POST -d @msg.json ${url}`, value: url, url, needles: [slackHook] };
  })(),
  (() => {
    const url = `https://discord.com/api/webhooks/${discordId}/${discordToken}`;
    return { name: "Discord webhook URL", phrase: `curl -H "Content-Type: application/json" -d @msg.json ${url}`, value: url, url, needles: [discordToken, discordToken.slice(0, 12)] };
  })(),
  { name: "password: in a comment", phrase: `password: ${commentPw}`, value: commentPw, needles: [commentPw] },
  { name: ".env line", phrase: `DATABASE_PASSWORD=${dotenvPw}`, value: dotenvPw, needles: [dotenvPw] },
  (() => {
    const url = `postgres://orders_app:${pgPw}@db.example.net:5432/orders`;
    return { name: "PostgreSQL connection string", phrase: `psql "${url}" -c "select 1"`, value: url, url, needles: [pgPw] };
  })(),
];

const q = JSON.stringify; // a JSON string is also a YAML double-quoted scalar and a TOML basic string
const json = (x: unknown) => JSON.stringify(x, null, 2) + "\n";
const oneLine = (s: string) => s.replace(/\n/g, " ");
const words = (s: string) => s.split(/\s+/).filter(Boolean);
const indent = (s: string, n: number) => s.split("\n").map((l) => " ".repeat(n) + l).join("\n");

const runServer = (c: Credential) => ({ command: "sh", args: ["-c", c.phrase], env: { SERVICE_TOKEN: c.value } });
const remoteServer = (c: Credential) => ({ type: "http", url: c.url ?? "https://mcp.example.net/mcp", headers: { Authorization: c.value, "X-Api-Key": c.value } });
const claudeHooks = (c: Credential) => ({
  PreToolUse: [{ matcher: "Bash", hooks: [{ type: "command", command: c.phrase }] }],
  ...(c.url ? { Stop: [{ hooks: [{ type: "http", url: c.url, headers: { Authorization: c.value } }] }] } : {}),
});

/** One file per file kind of the registry, with the credential in every place the format has for text. */
export const SURFACE_FILES: { path: string; text: (c: Credential) => string }[] = [
  { path: ".mcp.json", text: (c) => json({ mcpServers: { run: runServer(c), split: { command: "deploy-helper", args: words(c.phrase) }, remote: remoteServer(c) } }) },
  {
    path: ".gemini/settings.json",
    text: (c) =>
      json({
        mcpServers: { run: runServer(c) },
        tools: { discoveryCommand: c.phrase },
        hooks: { BeforeTool: [{ matcher: "run_shell_command", hooks: [{ type: "command", command: c.phrase }] }], ...(c.url ? { AfterTool: [{ hooks: [{ type: "http", url: c.url }] }] } : {}) },
      }),
  },
  { path: "ext/gemini-extension.json", text: (c) => json({ name: "ops-ext", version: "1.0.0", mcpServers: { run: runServer(c), remote: remoteServer(c) }, excludeTools: [`run_shell_command(${c.phrase})`] }) },
  { path: ".gemini/policies/ops.toml", text: (c) => `[[rule]]\ntoolName = "run_shell_command"\ncommandPrefix = ${q(c.phrase)}\ndecision = "allow"\npriority = 100\n` },
  {
    path: "opencode.json",
    text: (c) =>
      json({
        mcp: { run: { type: "local", command: ["sh", "-c", c.phrase], environment: { SERVICE_TOKEN: c.value } }, remote: { type: "remote", url: c.url ?? "https://mcp.example.net/mcp", headers: { Authorization: c.value } } },
        permission: { bash: { [c.phrase]: "allow" } },
      }),
  },
  { path: ".zed/settings.json", text: (c) => json({ context_servers: { run: runServer(c), remote: { url: c.url ?? "https://mcp.example.net/mcp", headers: { Authorization: c.value } } } }) },
  { path: ".vscode/settings.json", text: (c) => json({ mcp: { servers: { run: runServer(c), remote: remoteServer(c) } }, "chat.tools.terminal.autoApprove": { [c.phrase]: true } }) },
  { path: ".roomodes", text: (c) => `customModes:\n  - slug: ops\n    name: Ops\n    roleDefinition: ${q(c.phrase)}\n    customInstructions: ${q(`Run ${c.phrase} before deploying.`)}\n    groups: [read, command]\n` },
  { path: ".opencode/plugins/guard.ts", text: (c) => `export const Guard = async () => ({ "shell.env": async () => ({ TOKEN: ${q(c.phrase)} }) });\n` },
  { path: ".codex/environments/ops.toml", text: (c) => `version = 1\nname = "ops"\n\n[setup]\nscript = ${q(c.phrase)}\n\n[[actions]]\nname = "Deploy"\nicon = "run"\ncommand = ${q(c.phrase)}\n` },
  {
    path: ".amazonq/cli-agents/ops.json",
    text: (c) =>
      json({
        name: "ops",
        prompt: c.phrase,
        mcpServers: { run: runServer(c) },
        tools: ["execute_bash"],
        allowedTools: ["execute_bash"],
        toolsSettings: { execute_bash: { allowedCommands: [c.phrase] } },
        hooks: { agentSpawn: [{ command: c.phrase }] },
      }),
  },
  { path: ".cursor/environment.json", text: (c) => json({ install: c.phrase, start: c.phrase, terminals: [{ name: "dev", command: c.phrase }] }) },
  {
    path: ".continue/mcpServers/ops.yaml",
    text: (c) =>
      `name: Ops\nversion: 0.0.1\nschema: v1\nmcpServers:\n  - name: run\n    command: sh\n    args: ["-c", ${q(c.phrase)}]\n    env:\n      SERVICE_TOKEN: ${q(c.value)}\n  - name: remote\n    type: streamable-http\n    url: ${q(c.url ?? "https://mcp.example.net/mcp")}\n`,
  },
  {
    path: ".codex/config.toml",
    text: (c) =>
      [
        `notify = ["sh", "-c", ${q(c.phrase)}]`,
        "",
        "[mcp_servers.run]",
        'command = "sh"',
        `args = ["-c", ${q(c.phrase)}]`,
        `env = { SERVICE_TOKEN = ${q(c.value)} }`,
        "",
        "[mcp_servers.remote]",
        `url = ${q(c.url ?? "https://mcp.example.net/mcp")}`,
        `http_headers = { Authorization = ${q(c.value)} }`,
        "",
        "[shell_environment_policy.set]",
        `SERVICE_TOKEN = ${q(c.value)}`,
        "",
      ].join("\n"),
  },
  {
    path: ".claude/settings.json",
    text: (c) =>
      json({
        env: { SERVICE_TOKEN: c.value },
        apiKeyHelper: c.phrase,
        statusLine: { type: "command", command: c.phrase },
        permissions: { allow: [`Bash(${oneLine(c.phrase)})`] },
        hooks: claudeHooks(c),
      }),
  },
  { path: ".codex-plugin/plugin.json", text: (c) => json({ name: "ops-codex", version: "1.0.0", mcpServers: { run: runServer(c) }, hooks: claudeHooks(c) }) },
  { path: ".claude-plugin/plugin.json", text: (c) => json({ name: "ops-plugin", version: "1.0.0", mcpServers: { run: runServer(c), remote: remoteServer(c) }, hooks: claudeHooks(c) }) },
  {
    path: ".claude-plugin/marketplace.json",
    text: (c) =>
      json({
        name: "ops-catalog",
        owner: { name: "Ops" },
        plugins: [
          { name: "fetched", source: { source: "url", url: c.url ?? "https://git.example.net/fetched.git" } },
          { name: "inline", source: "./plugins/inline", strict: false, mcpServers: { run: runServer(c) }, hooks: claudeHooks(c) },
        ],
      }),
  },
  { path: "hooks/hooks.json", text: (c) => json({ hooks: claudeHooks(c) }) },
  { path: ".github/hooks/ops.json", text: (c) => json({ version: 1, hooks: { preToolUse: [{ type: "command", bash: c.phrase, env: { SERVICE_TOKEN: c.value } }] } }) },
  { path: ".kiro/hooks/ops.kiro.hook", text: (c) => json({ name: "Ops", version: "1", when: { type: "fileEdited", patterns: ["src/**"] }, then: { type: "runCommand", command: c.phrase } }) },
  { path: ".clinerules/hooks/PreToolUse", text: (c) => `#!/usr/bin/env bash\n${c.phrase}\n` },
  {
    path: ".claude/skills/ops/SKILL.md",
    text: (c) => `---\nname: ops\ndescription: ${q(`Deploys the service. ${oneLine(c.phrase)}`)}\nallowed-tools: ${q(`Bash(${oneLine(c.phrase)})`)}\n---\n\nRun:\n\n\`\`\`sh\n${c.phrase}\n\`\`\`\n`,
  },
  { path: ".claude/skills/ops/scripts/deploy.sh", text: (c) => `#!/bin/sh\n${c.phrase}\n` },
  { path: ".claude/skills/ops/config/.env", text: (c) => `${c.phrase}\nSERVICE_TOKEN=${oneLine(c.value)}\n` },
  {
    path: "AGENTS.md",
    text: (c) =>
      `# Ops\n\nBefore deploying, run \`${oneLine(c.phrase)}\`.\n\n<!-- ${oneLine(c.phrase)} -->\n\n## Deploy with ${oneLine(c.phrase)}\n\n\`\`\`sh\n${c.phrase}\n\`\`\`\n${c.url ? `\nSee ${c.url} for the status.\n` : ""}`,
  },
  {
    path: ".github/workflows/ops.yml",
    text: (c) =>
      [
        "on: pull_request_target",
        "jobs:",
        "  deploy:",
        "    runs-on: ubuntu-latest",
        "    steps:",
        "      - run: |",
        indent(c.phrase, 10),
        "      - uses: anthropics/claude-code-action@v1",
        "        with:",
        `          anthropic_api_key: ${q(c.value)}`,
        `          prompt: ${q(c.phrase)}`,
        `          claude_args: ${q(`--allowedTools "Bash(${oneLine(c.phrase)})"`)}`,
        "        env:",
        `          SERVICE_TOKEN: ${q(c.value)}`,
        "",
      ].join("\n"),
  },
];
