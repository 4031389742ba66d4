// Is an MCP endpoint this machine? Judged on the host a client really connects to, as the WHATWG
// URL parser (Node, Electron, Rust's url crate) reads it: `127.1`, `0x7f.1` and `2130706433` are
// 127.0.0.1; `http://localhost@evil.example` and `localhost.evil.example` are not loopback.

/** 127.0.0.0/8 in the dotted form the WHATWG parser gives every IPv4 host. */
const IPV4_LOOPBACK = /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/;
/** `[::ffff:7f00:1]`: 127.0.0.1 mapped into IPv6, as the parser writes it. */
const MAPPED_LOOPBACK = /^\[::ffff:7f[0-9a-f]{2}:[0-9a-f]{1,4}\]$/;

/**
 * Hosts that reach only this machine. `0.0.0.0` and `[::]` as a client's target connect to the
 * local host (Linux, macOS) or fail (Windows): never to another one. Only the exact name
 * `localhost` counts: `*.localhost` resolves through DNS on some systems.
 */
export function loopbackHost(hostname: string): boolean {
  const h = hostname.toLowerCase();
  return h === "localhost" || h === "[::1]" || h === "[::]" || h === "0.0.0.0" || IPV4_LOOPBACK.test(h) || MAPPED_LOOPBACK.test(h);
}

/** A port written as a reference (`${PORT}`, `${PORT:-3000}`): the one part of a URL it may hold. */
const TEMPLATE_PORT = /^(?:https?|wss?):\/\/(localhost|127\.0\.0\.1|\[::1\]):\$\{[A-Za-z_][A-Za-z0-9_]{0,64}(?::-\d{1,5})?\}(?:[/?#]|$)/i;

/**
 * True when the URL's endpoint is this machine for every client. The authority must be plain: a
 * backslash is a path separator to the WHATWG parser but not to others (`localhost\@evil.example`
 * is evil.example to Python), so a URL holding one before its path is not loopback.
 */
export function loopbackUrl(raw: string): boolean {
  const text = raw.trim();
  const scheme = /^[a-z][a-z0-9+.-]{0,31}:\/\//i.exec(text);
  if (!scheme) return false;
  const rest = text.slice(scheme[0].length);
  const authorityEnd = rest.search(/[/?#]/);
  const authority = authorityEnd < 0 ? rest : rest.slice(0, authorityEnd);
  if (/[\\\s%]/.test(authority)) return false;
  try {
    const url = new URL(text);
    return /^(https?|wss?):$/.test(url.protocol) && loopbackHost(url.hostname);
  } catch {
    // Unparsable: only a plain loopback host with a templated port is known to stay here.
    return TEMPLATE_PORT.test(text);
  }
}

/**
 * The host a client connects to: the WHATWG parser's hostname, or for a URL it cannot parse (a
 * `${PORT}` template) the authority's host after any userinfo (`localhost@evil.example:${PORT}` is
 * evil.example).
 */
export function endpointHost(raw: string): string | undefined {
  try {
    return new URL(raw).hostname.toLowerCase() || undefined;
  } catch {
    const authority = /^[a-z][a-z0-9+.-]{0,31}:\/\/([^/?#]{1,2048})/i.exec(raw.trim())?.[1];
    if (!authority) return undefined;
    const hostPort = authority.slice(authority.lastIndexOf("@") + 1);
    const host = hostPort.startsWith("[") ? hostPort.slice(0, hostPort.indexOf("]") + 1) : hostPort.split(":")[0];
    return host ? host.toLowerCase() : undefined;
  }
}
