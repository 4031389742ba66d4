// The HTTP side of the server, shared by `npm start` (server.ts) and the end-to-end harness: GET
// /ping, and webhook bodies read with a size limit before Probot sees them. Anyone can POST to the
// webhook URL, and Probot reads a whole body before it checks the signature, so one unauthenticated
// 200 MB request would otherwise take hundreds of megabytes of memory.
import type { IncomingMessage, ServerResponse } from "node:http";

/** GitHub caps webhook payloads at 25 MB; anything bigger is not from GitHub. */
export const MAX_WEBHOOK_BYTES = 25 * 1024 * 1024;

type Middleware = (req: IncomingMessage, res: ServerResponse, next: () => void) => unknown;

export interface ListenerOptions {
  maxBodyBytes?: number;
  /** Called when a request starts; the returned function when its response closes. */
  track?: () => () => void;
  /** What /ping reports besides the process itself (the shared state, when there is one). */
  health?: () => Promise<{ ok: boolean; detail: string }>;
}

/** The request listener: /ping, then bodies read within the limit and handed to `middleware`. */
export function requestListener(middleware: Middleware, opts: ListenerOptions = {}) {
  const limit = opts.maxBodyBytes ?? MAX_WEBHOOK_BYTES;
  return (req: IncomingMessage, res: ServerResponse): void => {
    if (opts.track) res.on("close", opts.track());
    if (req.method === "GET" && req.url === "/ping") {
      if (!opts.health) return void res.writeHead(200, { "content-type": "text/plain" }).end("PONG");
      // 503 takes a replica whose shared state is unreachable out of the load balancer's rotation.
      void opts.health().then(
        (h) => res.writeHead(h.ok ? 200 : 503, { "content-type": "text/plain" }).end(h.ok ? "PONG" : `UNHEALTHY: ${h.detail}`),
        () => res.writeHead(503, { "content-type": "text/plain" }).end("UNHEALTHY"),
      );
      return;
    }
    const notFound = () => res.writeHead(404, { "content-type": "application/json" }).end('{"error":"Not found"}');
    if (req.method !== "POST") return void middleware(req, res, notFound);
    void readBody(req, limit).then((body) => {
      if (body === undefined) return tooLarge(req, res, limit);
      // The webhooks middleware takes a string body as the payload instead of reading the stream.
      (req as IncomingMessage & { body?: string }).body = body;
      return middleware(req, res, notFound);
    });
  };
}

/** The body as text, or undefined once it is known to exceed `limit` (declared or counted). */
function readBody(req: IncomingMessage, limit: number): Promise<string | undefined> {
  const declared = Number(req.headers["content-length"]);
  if (Number.isFinite(declared) && declared > limit) return Promise.resolve(undefined);
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on("data", (chunk: Buffer) => {
      if (over) return;
      size += chunk.length;
      if (size > limit) {
        // Stop reading at once: TCP back-pressure then holds the sender until the socket closes.
        over = true;
        chunks.length = 0;
        req.pause();
        resolve(undefined);
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => over || resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", () => over || ((over = true), resolve(undefined)));
  });
}

/** 413, and the connection closed so that the rest of the body is never read. */
function tooLarge(req: IncomingMessage, res: ServerResponse, limit: number): void {
  res.writeHead(413, { "content-type": "application/json", connection: "close" });
  res.end(JSON.stringify({ error: `request body over ${limit} bytes (GitHub's webhook limit); not read` }), () => req.destroy());
}
