import { request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import { request as httpsRequest } from 'node:https';

/** Hop-by-hop headers are the connection's own and must not be forwarded (RFC 9110 section 7.6.1). */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade', 'te', 'trailer', 'host']);

/**
 * Forwards /api/* to the alerts service, streaming both ways (SSE included), so the browser sees one
 * origin and the session cookie stays SameSite=Strict. Only the path is taken from the request: the
 * upstream origin is fixed by configuration, so no request can steer the proxy elsewhere.
 */
export function createApiProxy(apiOrigin: string) {
  const upstream = new URL(apiOrigin);
  const send = upstream.protocol === 'https:' ? httpsRequest : httpRequest;
  return (request: IncomingMessage, response: ServerResponse): void => {
    const path = request.url ?? '/';
    const headers: Record<string, string | string[]> = {};
    for (const [name, value] of Object.entries(request.headers)) if (value !== undefined && !HOP_BY_HOP.has(name)) headers[name] = value;
    headers['host'] = upstream.host;
    headers['x-forwarded-for'] = request.socket.remoteAddress ?? '';
    const outgoing = send(
      { protocol: upstream.protocol, hostname: upstream.hostname, port: upstream.port, method: request.method, path, headers },
      (answer) => {
        const forwarded: Record<string, string | string[]> = {};
        for (const [name, value] of Object.entries(answer.headers))
          if (value !== undefined && !HOP_BY_HOP.has(name)) forwarded[name] = value;
        response.writeHead(answer.statusCode ?? 502, forwarded);
        answer.pipe(response);
      },
    );
    outgoing.on('error', () => {
      if (!response.headersSent) {
        response.writeHead(502, { 'content-type': 'application/json; charset=utf-8' });
        response.end(JSON.stringify({ statusCode: 502, message: 'The alerts service did not answer' }));
      } else {
        response.destroy();
      }
    });
    // A client that goes away (a closed SSE tab) closes the upstream request too.
    response.on('close', () => outgoing.destroy());
    request.pipe(outgoing);
  };
}
