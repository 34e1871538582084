import type { IncomingMessage, ServerResponse } from 'node:http';

/** The same bound as the global JSON parser. */
export const MAX_PUSH_BODY_BYTES = 1024 * 1024;

type Next = (error?: unknown) => void;

/**
 * Reads an application/x-ndjson body as UTF-8 text into `request.body` (the global parser only reads JSON).
 * Over 1 MB the request ends with a 413 straight away instead of being buffered further.
 */
export function ndjsonBody(request: IncomingMessage & { body?: unknown }, response: ServerResponse, next: Next): void {
  if (!/^application\/(x-)?ndjson\b/i.test(request.headers['content-type'] ?? '')) return next();
  const declared = Number(request.headers['content-length']);
  if (declared > MAX_PUSH_BODY_BYTES) return tooLarge(request, response);
  const chunks: Buffer[] = [];
  let size = 0;
  let done = false;
  request.on('data', (chunk: Buffer) => {
    if (done) return;
    size += chunk.length;
    if (size > MAX_PUSH_BODY_BYTES) {
      done = true;
      tooLarge(request, response);
      return;
    }
    chunks.push(chunk);
  });
  request.on('end', () => {
    if (done) return;
    done = true;
    request.body = Buffer.concat(chunks).toString('utf8');
    next();
  });
  request.on('error', (error) => {
    if (done) return;
    done = true;
    next(error);
  });
}

function tooLarge(request: IncomingMessage, response: ServerResponse): void {
  response.statusCode = 413;
  response.setHeader('Content-Type', 'application/json; charset=utf-8');
  response.setHeader('Connection', 'close');
  response.end(JSON.stringify({ statusCode: 413, message: `Body larger than ${MAX_PUSH_BODY_BYTES} bytes` }));
  // Stop reading the rest; the connection closes after the answer.
  request.resume();
}
