// mcp.secret-env judges names AND values: a credential-like name, a value that reads a secret or
// looks like one. Plain configuration (NODE_ENV, LOG_LEVEL, paths, flags) is no secret handed over.
// mcp.code-env: variables that make the server run other code (code-env.ts).
import { fixture } from "../helpers.js";
import { escalations, hits, json, reviewPair } from "../review-helpers.js";

const mcp = (servers: object) => json({ mcpServers: servers });
const GH = { command: "npx", args: ["-y", "@modelcontextprotocol/server-github@2025.4.8"] };
const withEnv = (env: Record<string, unknown>) => reviewPair({ ".mcp.json": [mcp({ gh: GH }), mcp({ gh: { ...GH, env } })] });
const remote = { type: "http", url: "https://mcp.docsearch.example/v1/mcp" };
const withHeaders = (headers: Record<string, string>) => reviewPair({ ".mcp.json": [mcp({ d: remote }), mcp({ d: { ...remote, headers } })] });

describe("mcp.secret-env: names and values", () => {
  it("plain configuration variables are no secret: no high finding, a neutral change that names them", () => {
    const v = withEnv({ NODE_ENV: "production", LOG_LEVEL: "debug", CONFIG_PATH: "./mcp.yml", DEBUG: "1", "--port": "8080", MAX_TOKENS: "4096", AUTHOR_NAME: "ci", KEYBOARD_LAYOUT: "us" });
    expect(hits(v, "mcp.secret-env")).toEqual([]);
    expect(escalations(v)).toEqual([]);
    const [n] = hits(v, "capability.changed");
    expect(n!.severity).toBe("low");
    expect(n!.message).toContain("`NODE_ENV`");
    expect(n!.message).toContain("no credential");
    expect(v.conclusion).toBe("success");
  });

  it("credential-like names count in any case and any spelling", () => {
    for (const name of ["TOKEN_X", "GH_PAT", "npm_config__authToken", "apiKey", "githubToken", "Github-Token", "OPENAI_APIKEY", "GHTOKEN", "db_password", "SMTP_PASS", "CLIENT_SECRET", "AWS_SECRET_ACCESS_KEY", "SENTRY_DSN", "SLACK_WEBHOOK"]) {
      const [f] = hits(withEnv({ [name]: "${SOMETHING}" }), "mcp.secret-env");
      expect(f).toMatchObject({ severity: "high" });
      expect(f!.message).toContain(`\`${name}\``);
      expect(f!.message).toContain("credential name");
    }
  });

  it("a plain name whose value reads a secret counts, and the message names the source", () => {
    for (const [value, source] of [
      ["${GITHUB_TOKEN}", "GITHUB_TOKEN"],
      ["${{ secrets.DEPLOY_KEY }}", "secrets.DEPLOY_KEY"],
      ["${input:api-key}", "input:api-key"],
      ["$env:OPENAI_API_KEY", "OPENAI_API_KEY"],
      ["${env:SLACK_BOT_TOKEN}", "SLACK_BOT_TOKEN"],
      ["{env:ANTHROPIC_API_KEY}", "ANTHROPIC_API_KEY"],
      ["{file:~/.config/acme/key}", "file:~/.config/acme/key"],
      ["${{ github.token }}", "github.token"],
      ["Bearer ${SESSION}", "Bearer"],
      ["${DATABASE_URL}", "DATABASE_URL"],
      ["${REDIS_URI}", "REDIS_URI"],
      ["${AZURE_STORAGE_CONNECTION_STRING}", "AZURE_STORAGE_CONNECTION_STRING"],
      ["${SSH_AUTH_SOCK}", "SSH_AUTH_SOCK"],
    ] as const) {
      const [f] = hits(withEnv({ UPSTREAM: value }), "mcp.secret-env");
      expect(f).toMatchObject({ severity: "high" });
      expect(f!.message).toContain("`UPSTREAM`");
      expect(f!.message).toContain(source);
    }
  });

  it("a value that only reads plain variables, or hands nothing, is no secret", () => {
    for (const env of [{ ROOT: "${workspaceFolder}" }, { HOME_DIR: "${HOME}/.cache" }, { PLUGIN: "${CLAUDE_PLUGIN_ROOT}/bin" }, { NEON_API_KEY: "" }, { INFLUX_TOKEN: "your-influxdb-token" }]) {
      expect(hits(withEnv(env), "mcp.secret-env")).toEqual([]);
    }
  });

  it("a placeholder hands nothing, unless it reads something", () => {
    expect(hits(withHeaders({ Authorization: "Bearer YOUR_API_KEY" }), "mcp.secret-env")).toEqual([]);
    expect(hits(withHeaders({ Authorization: "Bearer your-token-${DOCS_TOKEN}" }), "mcp.secret-env")).toHaveLength(1);
    expect(hits(withEnv({ UPSTREAM: "<${GITHUB_TOKEN}>" }), "mcp.secret-env")).toHaveLength(1);
  });

  it("a secret reference in the command line counts", () => {
    const v = reviewPair({ ".mcp.json": [undefined, mcp({ gh: { command: "npx", args: ["-y", "acme-mcp@1.0.0", "--token", "${GITHUB_TOKEN}", "--root", "${workspaceFolder}"] } })] });
    const [f] = hits(v, "mcp.secret-env");
    expect(f!.message).toContain("the arguments (from `GITHUB_TOKEN`)");
    expect(f!.message).not.toContain("workspaceFolder");
  });

  it("a URL with a password, or a profile that selects stored credentials, counts", () => {
    expect(hits(withEnv({ DATABASE_URL: "postgresql://app:${DB_PASSWORD}@db.example:5432/app" }), "mcp.secret-env")[0]!.message).toContain("DB_PASSWORD");
    expect(hits(withEnv({ DATABASE_URL: "postgresql://app:s3cret-pw@db.example:5432/app" }), "mcp.secret-env")[0]!.message).toContain("password");
    expect(hits(withEnv({ DATABASE_URL: "postgresql://db.example:5432/app" }), "mcp.secret-env")).toEqual([]);
    expect(hits(withEnv({ AWS_PROFILE: "admin" }), "mcp.secret-env")[0]!.message).toContain("stored credentials");
  });

  it("headers: Authorization, API keys and cookies are secrets; Accept and User-Agent are not", () => {
    for (const name of ["Authorization", "X-API-Key", "Cookie", "Proxy-Authorization", "Private-Token"]) {
      expect(hits(withHeaders({ [name]: "${DOCS_CREDENTIAL}" }), "mcp.secret-env")[0]!.message).toContain(`header \`${name}\``);
    }
    const plain = withHeaders({ Accept: "application/json", "User-Agent": "acme/1.0", "X-Request-Source": "agents" });
    expect(hits(plain, "mcp.secret-env")).toEqual([]);
    expect(escalations(plain)).toEqual([]);
    // A plain header name with a bearer value still hands a credential.
    expect(hits(withHeaders({ "X-Upstream": "Bearer ${DOCS}" }), "mcp.secret-env")).toHaveLength(1);
  });

  it("a plain variable whose value now reads a secret, or another secret, is new", () => {
    const was = { ...GH, env: { UPSTREAM: "https://api.github.com", GITHUB_TOKEN: "${GITHUB_TOKEN}" } };
    const now = (env: object) => reviewPair({ ".mcp.json": [mcp({ gh: was }), mcp({ gh: { ...GH, env } })] });
    expect(hits(now({ UPSTREAM: "${GITHUB_TOKEN}", GITHUB_TOKEN: "${GITHUB_TOKEN}" }), "mcp.secret-env")[0]!.message).toContain("`UPSTREAM`");
    expect(hits(now({ UPSTREAM: "https://api.github.com", GITHUB_TOKEN: "${ADMIN_GITHUB_TOKEN}" }), "mcp.secret-env")[0]!.message).toContain("ADMIN_GITHUB_TOKEN");
    // The same secret from the same source, and a new plain variable beside it: nothing new.
    const same = now({ UPSTREAM: "https://api.github.com", GITHUB_TOKEN: "${GITHUB_TOKEN}", LOG_LEVEL: "warn" });
    expect(hits(same, "mcp.secret-env")).toEqual([]);
    expect(escalations(same)).toEqual([]);
  });

  it("Codex forwarding: plain names are no secret; credential names, bearer tokens and env files are", () => {
    const http = { type: "http", url: "https://mcp.issuehub.example/mcp/" };
    const codex = (entry: object) => reviewPair({ "plugins/hub/.mcp.json": [mcp({ hub: http }), mcp({ hub: { ...http, ...entry } })] });
    expect(hits(codex({ env_vars: ["PATH", "HOME", "LANG"] }), "mcp.secret-env")).toEqual([]);
    expect(hits(codex({ env_vars: ["PATH", "ISSUE_HUB_TOKEN"] }), "mcp.secret-env")[0]!.message).toContain("ISSUE_HUB_TOKEN");
    expect(hits(codex({ bearer_token_env_var: "HUB_ACCESS" }), "mcp.secret-env")[0]!.message).toContain("bearer");
    expect(hits(codex({ env_http_headers: { "X-Tenant": "HUB_TENANT" } }), "mcp.secret-env")).toEqual([]);
    expect(hits(codex({ env_http_headers: { Authorization: "HUB_AUTH_HEADER" } }), "mcp.secret-env")).toHaveLength(1);
    expect(hits(codex({ envFile: ".env.local" }), "mcp.secret-env")[0]!.message).toContain(".env.local");
  });

  it("a URL query that carries a secret reference counts", () => {
    const v = reviewPair({ ".vscode/mcp.json": [json({ servers: { y: remote } }), json({ servers: { y: { ...remote, url: "https://mcp.docsearch.example/v1/mcp?key=${input:docs_key}" } } })] });
    expect(hits(v, "mcp.secret-env")[0]!.message).toContain("input:docs_key");
  });

  it("a new server with plain variables only is a new server, not a secret hand-over", () => {
    const v = reviewPair({ ".mcp.json": [undefined, fixture("mcp-json/env-mixed.json")] });
    const secret = hits(v, "mcp.secret-env").map((f) => f.message);
    expect(secret).toHaveLength(3);
    const [tracker, warehouse, docs] = ["issue-tracker", "warehouse", "docs-search"].map((n) => secret.find((m) => m.includes(`\`${n}\``))!);
    expect(tracker).toContain("`TRACKWISE_API_TOKEN`");
    for (const plain of ["NODE_ENV", "LOG_LEVEL", "TRACKWISE_CONFIG_PATH", "DEBUG", "MAX_TOKENS", "TRACKWISE_ORG"]) expect(tracker).not.toContain(plain);
    expect(warehouse).toContain("`WAREHOUSE_DSN`");
    expect(warehouse).toContain("`AWS_PROFILE`");
    for (const plain of ["AWS_REGION", "GOOGLE_CLIENT"]) expect(warehouse).not.toContain(plain);
    expect(docs).toContain("`X-Api-Key`");
    expect(docs).not.toContain("Accept");
  });

  it("values never appear in the findings", () => {
    const v = withEnv({ DATABASE_URL: "postgresql://app:s3cret-pw@db.example:5432/app", TOKEN: "hunter2-longer-0" });
    expect(JSON.stringify(v.findings)).not.toContain("s3cret-pw");
    expect(JSON.stringify(v.findings)).not.toContain("hunter2");
  });
});

describe("mcp.code-env: variables that make the server run other code", () => {
  it("NODE_OPTIONS added to a server is high and says what it makes run, with its value", () => {
    const [f] = hits(withEnv({ NODE_OPTIONS: "--require ./scripts/telemetry.cjs" }), "mcp.code-env");
    expect(f).toMatchObject({ severity: "high", direction: "escalation" });
    expect(f!.message).toContain("`NODE_OPTIONS`");
    expect(f!.message).toContain("--require ./scripts/telemetry.cjs");
    expect(f!.message).toContain("every Node process");
  });

  it("every listed variable, in any case; a value that may be a secret is not shown", () => {
    for (const name of ["BASH_ENV", "LD_PRELOAD", "PYTHONSTARTUP", "node_options", "GIT_SSH_COMMAND", "PATH"]) {
      expect(hits(withEnv({ [name]: "/tmp/x" }), "mcp.code-env")).toHaveLength(1);
    }
    const token = "ghp_" + "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8";
    const v = withEnv({ NODE_OPTIONS: `--require ./x.js --token=${token}` });
    expect(hits(v, "mcp.code-env")[0]!.message).toContain("value not shown");
    expect(JSON.stringify(v)).not.toContain(token.slice(4, 20));
  });

  it("variables that change where the launcher fetches the package from count too; ordinary launcher settings do not", () => {
    for (const [name, what] of [["npm_config_registry", "registry"], ["NPM_CONFIG_@acme:registry", "scope"], ["UV_INDEX_URL", "index"], ["GOPROXY", "proxy"], ["DOCKER_HOST", "Docker daemon"], ["HTTPS_PROXY", "proxy"], ["NODE_TLS_REJECT_UNAUTHORIZED", "TLS"]] as const) {
      const [f] = hits(withEnv({ [name]: "https://packages.evil.example/" }), "mcp.code-env");
      expect([name, f?.message]).toEqual([name, expect.stringContaining(what)]);
    }
    for (const name of ["NPM_CONFIG_LOGLEVEL", "NPM_CONFIG_UPDATE_NOTIFIER", "UV_NO_PROGRESS", "GOOS"]) expect(hits(withEnv({ [name]: "false" }), "mcp.code-env")).toEqual([]);
  });

  it("a changed value is new; the same one, or an ordinary variable, is not", () => {
    const was = { ...GH, env: { PATH: "/usr/local/bin:/usr/bin" } };
    const pair = (env: object) => reviewPair({ ".mcp.json": [mcp({ gh: was }), mcp({ gh: { ...GH, env } })] });
    expect(hits(pair({ PATH: "./node_modules/.bin:/usr/local/bin:/usr/bin" }), "mcp.code-env")[0]!.message).toContain("./node_modules/.bin");
    expect(hits(pair({ PATH: "/usr/local/bin:/usr/bin", LOG_LEVEL: "warn" }), "mcp.code-env")).toEqual([]);
    expect(hits(withEnv({ NODE_ENV: "production" }), "mcp.code-env")).toEqual([]);
  });

  it("a new server that sets one is reported beside mcp.server-added", () => {
    const v = reviewPair({ ".mcp.json": [undefined, mcp({ gh: { ...GH, env: { LD_PRELOAD: "./lib/hook.so" } } })] });
    expect(hits(v, "mcp.server-added")).toHaveLength(1);
    expect(hits(v, "mcp.code-env")[0]!.message).toContain("./lib/hook.so");
  });
});
