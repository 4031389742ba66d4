// Secret hygiene: values of env vars, headers and URLs never leave the parser; only names and a
// flag when a committed value looks like a real credential.

/** `${VAR}`, `${VAR:-x}`, `${env:VAR}`, `${input:id}`, `$VAR`, `{env:VAR}` (OpenCode), `{{ secrets.X }}`. */
const REFERENCE = /\$\{[^}]+\}|\$[A-Za-z_][A-Za-z0-9_]*|\{env:[^}]+\}|\{file:[^}]+\}|\{\{[^}]+\}\}/g;

/** Known credential shapes (provider prefixes). */
const TOKEN_PATTERNS: RegExp[] = [
  /\bgh[pousr]_[A-Za-z0-9]{20,}/, // GitHub tokens
  /\bgithub_pat_[A-Za-z0-9_]{20,}/,
  /\bsk-(?:ant-|proj-)?[A-Za-z0-9_-]{20,}/, // Anthropic / OpenAI
  /\bxox[abposr]-[A-Za-z0-9-]{10,}/, // Slack
  /\bAKIA[0-9A-Z]{16}\b/, // AWS access key id
  /\bAIza[0-9A-Za-z_-]{30,}/, // Google API key
  /\bglpat-[A-Za-z0-9_-]{20,}/, // GitLab
  /\bnpm_[A-Za-z0-9]{30,}/,
  /\bsntrys_[A-Za-z0-9]{20,}/,
  /\blin_api_[A-Za-z0-9]{20,}/,
  /\bhf_[A-Za-z0-9]{30,}/,
  /\beyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/, // JWT
  /-----BEGIN [A-Z ]*PRIVATE KEY-----/,
];

const SECRET_NAME = /(TOKEN|SECRET|PASSWORD|PASSWD|API_?KEY|ACCESS_?KEY|PRIVATE_?KEY|CREDENTIAL|AUTH|BEARER|COOKIE|SESSION)/i;

/** True when the value is made only of references to variables plus fixed text like `Bearer `. */
export function isReferenceOnly(value: string): boolean {
  return value.replace(REFERENCE, "").replace(/^(Bearer|Basic|token)\s*/i, "").trim() === "" && REFERENCE.test(value);
}

/**
 * Does a committed value look like a real credential? Known token shapes always count; for a
 * secret-sounding name (or an Authorization header) any long literal that is not a variable
 * reference, placeholder or plain word counts.
 */
export function looksLikeLiteralSecret(name: string, value: unknown): boolean {
  if (typeof value !== "string") return false;
  const literal = value.replace(REFERENCE, "").trim();
  if (literal === "") return false;
  if (TOKEN_PATTERNS.some((re) => re.test(literal))) return true;
  if (!SECRET_NAME.test(name)) return false;
  const body = literal.replace(/^(Bearer|Basic|token)\s+/i, "");
  if (body.length < 12 || /\s/.test(body)) return false;
  if (/^(<.*>|x+|\*+|your[-_].*|changeme|placeholder|example.*|dummy.*|test.*|none|null|true|false)$/i.test(body)) return false;
  // Mixed letters and digits, as generated secrets are; excludes words like "simulator,debugging".
  return /[A-Za-z]/.test(body) && /[0-9]/.test(body);
}

/** Replace literal secrets inside a command argument list (`--api-key=sk-...`, `-e TOKEN=ghp_...`). */
export function redactArgs(args: string[]): { args: string[]; secrets: string[] } {
  const secrets: string[] = [];
  const out = args.map((arg, i) => {
    const eq = arg.indexOf("=");
    // Only a bare flag (`--api-key`) names the next argument; `-e X=${X}` is complete by itself.
    const prev = args[i - 1] ?? "";
    const name = eq > 0 ? arg.slice(0, eq).replace(/^-+/, "") : prev.startsWith("-") && !prev.includes("=") ? prev.replace(/^-+/, "") : "";
    const value = eq > 0 ? arg.slice(eq + 1) : arg;
    if (looksLikeLiteralSecret(name, value)) {
      secrets.push(name || `arg${i}`);
      // A quote opening the value stays, so a redacted command line still reads as written.
      return eq > 0 ? `${arg.slice(0, eq + 1)}${/^["'`]*/.exec(value)![0]}<redacted>` : "<redacted>";
    }
    return arg;
  });
  return { args: out, secrets };
}

/** Strip credentials and query values from a URL; keep the host for host-based rules. */
export function sanitizeUrl(raw: string): { url: string; host?: string; literalSecret: boolean } {
  let literalSecret = false;
  try {
    const u = new URL(raw);
    if (u.username || u.password) literalSecret = !isReferenceOnly(decodeURIComponent(u.password || u.username));
    u.username = "";
    u.password = "";
    for (const [k, v] of u.searchParams) {
      if (looksLikeLiteralSecret(k, v)) literalSecret = true;
      u.searchParams.set(k, "…");
    }
    return { url: u.toString().replace(/%E2%80%A6/g, "…"), host: u.hostname.toLowerCase(), literalSecret };
  } catch {
    // Not a URL we can parse (often a `${VAR}` template): keep only what precedes a query.
    const head = raw.split("?")[0] ?? raw;
    const host = /^[a-z][a-z0-9+.-]*:\/\/([^/:?#@]+)/i.exec(head)?.[1]?.toLowerCase();
    return { url: head, host, literalSecret: TOKEN_PATTERNS.some((re) => re.test(raw)) };
  }
}
