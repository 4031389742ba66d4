// One normalizer for MCP server entries in every dialect (Claude, Cursor, VS Code, Gemini, Kiro,
// Amazon Q, Cline, Codex, OpenCode, Zed, Continue), so the same server compares equal everywhere.
import type { Capability, Client, McpServerAttrs } from "./model.js";
import { detectPackage } from "./packages.js";
import { codeRunningEnv } from "./code-env.js";
import { endpointHost, loopbackHost, loopbackUrl } from "./endpoint.js";
import { packageSourceEnv } from "./package-env.js";
import { credentialName, credentialReasons, referencesIn, secretReference } from "./secret-sources.js";
import { hiddenDigestOf, looksLikeLiteralSecret, redactArgs, sanitizeUrl } from "./secrets.js";
import { asString, asStringArray, isRecord } from "./parse/document.js";

const sorted = (xs: Iterable<string>): string[] => [...new Set(xs)].sort();

/**
 * Entry keys the attributes hold (or digest field by field). Anything else (timeouts, OAuth
 * endpoints, per-tool options, server settings) is not modelled: it enters as one digest, `other`,
 * so an approved server cannot change it unseen.
 */
const MODELLED = new Set([
  "type", "transport", "command", "cmd", "args", "env", "environment", "envs", "url", "httpUrl", "serverUrl", "uri",
  "env_vars", "bearer_token_env_var", "headers", "http_headers", "env_http_headers", "envFile", "autoApprove",
  "alwaysAllow", "trust", "default_tools_approval_mode", "includeTools", "enabled_tools", "excludeTools",
  "disabled_tools", "disabledTools", "disabled", "enabled", "cwd", "headersHelper",
]);

function transportOf(raw: Record<string, unknown>, hasUrl: boolean, hasCommand: boolean): McpServerAttrs["transport"] {
  const declared = raw.type ?? raw.transport;
  // Only a string names a transport (String() would throw on a prototype-less object from the JSON parser).
  const t = typeof declared === "string" ? declared.toLowerCase() : "";
  if (t === "sse") return "sse";
  if (["http", "streamable-http", "streamablehttp", "remote", "streamable_http"].includes(t)) return "http";
  if (["stdio", "local"].includes(t)) return "stdio";
  if (raw.httpUrl !== undefined) return "http";
  // Gemini and Windsurf treat a bare `url` as SSE; most others as streamable HTTP. Either way: remote.
  if (hasUrl && !hasCommand) return "http";
  return "stdio";
}

const sortedRecord = <T>(r: Record<string, T>): Record<string, T> => Object.fromEntries(Object.keys(r).sort().map((k) => [k, r[k]!]));

interface Passed {
  envHosts: Record<string, string>;
  env: string[];
  envForwarded: string[];
  headers: string[];
  credentials: Record<string, string[]>;
  codeEnv: Record<string, string>;
}

/**
 * What the entry hands the server: env vars, forwarded names and headers, each judged for a
 * credential by name and value (values stay here: only digests and reasons leave).
 */
function passedValues(raw: Record<string, unknown>, envObj: unknown, hidden: Record<string, string>, secrets: string[], secretInputs?: ReadonlySet<string>): Passed {
  const out: Passed = { env: [], envForwarded: [], headers: [], credentials: {}, codeEnv: {}, envHosts: {} };
  const mark = (key: string, reasons: readonly string[]) => {
    if (reasons.length) out.credentials[key] = [...new Set([...(out.credentials[key] ?? []), ...reasons])].sort();
  };
  const byName = (n: string): string[] => {
    const why = credentialName(n);
    return why ? [why] : [];
  };
  if (isRecord(envObj)) {
    for (const [k, v] of Object.entries(envObj)) {
      out.env.push(k);
      hidden[`env.${k}`] = hiddenDigestOf(v);
      if (looksLikeLiteralSecret(k, v)) secrets.push(`env.${k}`);
      const why = credentialReasons(k, v, secretInputs);
      mark(`env.${k}`, why);
      // The value is shown (what it makes run is the point) unless it may hold a credential.
      const host = typeof v === "string" ? valueHost(v) : undefined;
      if (host) out.envHosts[k] = host;
      if (codeRunningEnv(k) ?? packageSourceEnv(k)) out.codeEnv[k] = typeof v === "string" && why.length === 0 && !looksLikeLiteralSecret("TOKEN", v) ? v.slice(0, 512) : "";
    }
  }
  // Codex env_vars: names, or tables `{ name = "X" }`.
  if (Array.isArray(raw.env_vars)) {
    for (const v of raw.env_vars) {
      const n = typeof v === "string" ? v : isRecord(v) ? asString(v.name) : undefined;
      if (!n) continue;
      out.envForwarded.push(n);
      mark(`forwarded.${n}`, byName(n));
    }
  }
  const bearer = asString(raw.bearer_token_env_var);
  if (bearer) {
    out.envForwarded.push(bearer);
    mark(`forwarded.${bearer}`, ["bearer"]);
  }
  for (const field of ["headers", "http_headers", "requestInit"]) {
    const h = field === "requestInit" && isRecord(raw.requestInit) ? raw.requestInit.headers : raw[field];
    if (!isRecord(h)) continue;
    for (const [k, v] of Object.entries(h)) {
      out.headers.push(k);
      // The same header in two fields (`headers`, `http_headers`): both values count.
      const d = hiddenDigestOf(v);
      hidden[`header.${k}`] = hidden[`header.${k}`] ? hiddenDigestOf(hidden[`header.${k}`]! + d) : d;
      if (looksLikeLiteralSecret(k === "Authorization" ? "AUTHORIZATION_TOKEN" : k, v)) secrets.push(`header.${k}`);
      mark(`header.${k}`, credentialReasons(k, v, secretInputs));
    }
  }
  if (isRecord(raw.env_http_headers)) {
    for (const [k, v] of Object.entries(raw.env_http_headers)) {
      out.headers.push(k);
      if (typeof v !== "string") continue;
      out.envForwarded.push(v);
      mark(`forwarded.${v}`, [...byName(v), ...(credentialName(k) ? [`sent-as:${k}`] : [])]);
    }
  }
  if (bearer) out.headers.push("Authorization");
  // Every variable of the file reaches the server, whatever they are.
  if (typeof raw.envFile === "string") {
    out.envForwarded.push(`envFile:${raw.envFile}`);
    mark(`forwarded.envFile:${raw.envFile}`, ["env-file"]);
  }
  return out;
}

/** The host a URL value points at (`https://api.example/v1`), unless it is this machine. */
function valueHost(value: string): string | undefined {
  const text = value.trim();
  if (!/^[a-z][a-z0-9+.-]{0,31}:\/\//i.test(text) || loopbackUrl(text)) return undefined;
  const host = endpointHost(text.slice(0, 4096));
  return host && !(loopbackHost(host) && !text.includes("\\")) ? host : undefined;
}

/** Why a server URL carries a credential: a secret reference, or a credential-named query value. */
function urlCredentials(rawUrl: string, secretInputs?: ReadonlySet<string>): string[] {
  const text = rawUrl.length > 4096 ? rawUrl.slice(0, 4096) : rawUrl;
  const why = [...new Set(referencesIn(text))].filter((r) => secretReference(r, secretInputs)).map((r) => `ref:${r}`);
  const query = text.indexOf("?");
  if (query >= 0) {
    for (const pair of text.slice(query + 1).split("#")[0]!.split("&")) {
      const eq = pair.indexOf("=");
      const key = eq < 0 ? pair : pair.slice(0, eq);
      if (eq > 0 && pair.length > eq + 1 && credentialName(key)) why.push(`query:${key}`);
    }
  }
  return [...new Set(why)].sort();
}

/** Packages that relay a stdio server to a remote one: the URL they are given is the endpoint. */
const PROXIES = new Set(["mcp-remote", "supergateway", "mcp-proxy"]);

/** The remote URL a proxy command line (`npx -y mcp-remote https://…`, also behind `cmd /c`) relays to. */
function proxiedUrl(command: string, args: readonly string[]): string | undefined {
  const words = [...command.trim().split(/\s+/), ...args].slice(0, 256);
  // `mcp-remote@0.1.18`, `@scope/x@1`, `mcp-proxy==0.8`: the name before the version.
  const name = (w: string) => {
    let end = 1;
    while (end < w.length && !"@=<>~!".includes(w[end]!)) end++;
    return w.slice(0, end);
  };
  if (!words.some((w) => PROXIES.has(name(w)))) return undefined;
  for (const w of words) {
    const value = w.startsWith("-") && w.includes("=") ? w.slice(w.indexOf("=") + 1) : w;
    if (/^(https?|wss?):\/\//i.test(value)) return value;
  }
  return undefined;
}

/** Tool names from `autoApprove` / `alwaysAllow`, which are lists or `"*"`/`true`. */
function toolList(value: unknown): string[] {
  if (value === true || value === "*") return ["*"];
  return asStringArray(value) ?? [];
}

/**
 * One server entry in the common shape. `secretInputs`: ids of prompted inputs declared as
 * passwords in the same file (VS Code `inputs`), so that `${input:id}` counts as a secret.
 */
export function normalizeMcpServer(name: string, raw: Record<string, unknown>, client: Client, secretInputs?: ReadonlySet<string>): McpServerAttrs {
  const secrets: string[] = [];
  // Values the report never shows (env and header values, redacted args, URL query and userinfo),
  // each as a digest: a changed value is a changed server, and another approval.
  const hidden: Record<string, string> = {};

  // command: string, array (OpenCode), or {path, args, env} (Zed).
  let command: string | undefined;
  let args: string[] = asStringArray(raw.args) ?? [];
  let envObj: unknown = raw.env ?? raw.environment ?? raw.envs;
  if (Array.isArray(raw.command)) {
    const parts = asStringArray(raw.command) ?? [];
    command = parts[0];
    args = [...parts.slice(1), ...args];
  } else if (isRecord(raw.command)) {
    command = asString(raw.command.path);
    args = asStringArray(raw.command.args) ?? args;
    envObj = raw.command.env ?? envObj;
  } else {
    command = asString(raw.command) ?? asString(raw.cmd);
  }
  const redacted = redactArgs(args);
  secrets.push(...redacted.secrets);
  if (redacted.hidden) hidden.args = redacted.hidden;

  const rawUrl = asString(raw.url) ?? asString(raw.httpUrl) ?? asString(raw.serverUrl) ?? asString(raw.uri);
  const url = rawUrl ? sanitizeUrl(rawUrl) : undefined;
  if (url?.literalSecret) secrets.push("url");
  if (url?.hidden) hidden.url = url.hidden;

  const passed = passedValues(raw, envObj, hidden, secrets, secretInputs);
  // Claude's headersHelper is a command like any other: shown with its credentials redacted.
  const helperLine = asString(raw.headersHelper);
  const helperShown = helperLine ? redactArgs([helperLine]) : undefined;
  if (helperShown?.secrets.length) secrets.push("headersHelper");
  if (helperShown?.hidden) hidden.headersHelper = helperShown.hidden;
  const helper = helperShown?.args[0];
  // `--token ${GITHUB_TOKEN}`: a secret handed over on the command line.
  const argRefs = [...new Set(args.slice(0, 256).flatMap((a) => referencesIn(a.slice(0, 4096))))].filter((r) => secretReference(r, secretInputs));
  if (argRefs.length) passed.credentials.args = argRefs.map((r) => `ref:${r}`).sort();
  if (rawUrl) {
    const why = urlCredentials(rawUrl, secretInputs);
    if (why.length) passed.credentials.url = why;
  }

  const autoApprove = [...toolList(raw.autoApprove), ...toolList(raw.alwaysAllow)];
  if (raw.trust === true) autoApprove.push("*");
  if (raw.default_tools_approval_mode === "approve") autoApprove.push("*");
  if (isRecord(raw.tools)) {
    for (const [tool, cfg] of Object.entries(raw.tools)) {
      if (isRecord(cfg) && cfg.approval_mode === "approve") autoApprove.push(tool);
    }
  }

  const allow = asStringArray(raw.includeTools) ?? asStringArray(raw.enabled_tools);
  const deny = [...(asStringArray(raw.excludeTools) ?? []), ...(asStringArray(raw.disabled_tools) ?? []), ...(asStringArray(raw.disabledTools) ?? [])];

  const enabled = raw.disabled === true ? false : raw.enabled === false ? false : true;
  const attrs: McpServerAttrs = {
    name,
    client,
    transport: transportOf(raw, !!url, !!command),
    env: sorted(passed.env),
    envForwarded: sorted(passed.envForwarded),
    headers: sorted(passed.headers),
    literalSecrets: sorted(secrets),
    autoApprove: sorted(autoApprove),
    allowedTools: allow ? sorted(allow) : null,
    deniedTools: sorted(deny),
    enabled,
  };
  if (command) attrs.command = command;
  if (command) attrs.args = redacted.args;
  const cwd = asString(raw.cwd);
  if (cwd) attrs.cwd = cwd;
  const pkg = detectPackage(command, args);
  if (pkg) attrs.package = pkg;
  const proxied = !url && command ? proxiedUrl(command, args) : undefined;
  if (helper !== undefined) attrs.headersHelper = helper;
  if (url) {
    attrs.url = url.url;
    const host = endpointHost(rawUrl!) ?? url.host;
    if (host) attrs.host = host;
    if (loopbackUrl(rawUrl!)) attrs.loopback = true;
  }
  if (proxied) {
    const host = endpointHost(proxied);
    if (host) attrs.host = host;
    if (loopbackUrl(proxied)) attrs.loopback = true;
  }
  if (Object.keys(passed.credentials).length) attrs.credentials = sortedRecord(passed.credentials);
  if (Object.keys(passed.codeEnv).length) attrs.codeEnv = sortedRecord(passed.codeEnv);
  if (Object.keys(passed.envHosts).length) attrs.envHosts = sortedRecord(passed.envHosts);
  const other = Object.keys(raw).filter((k) => !MODELLED.has(k)).sort();
  if (other.length) hidden.other = hiddenDigestOf(Object.fromEntries(other.map((k) => [k, raw[k]])));
  if (Object.keys(hidden).length) attrs.hiddenDigests = Object.fromEntries(Object.keys(hidden).sort().map((k) => [k, hidden[k]!]));
  return attrs;
}

/** Builds the capability for one server entry declared at `line` of `path`. */
export function mcpServerCapability(path: string, id: string, line: number, attrs: McpServerAttrs): Capability {
  return { kind: "mcp_server", key: `${path}#${id}`, path, line, attrs };
}
