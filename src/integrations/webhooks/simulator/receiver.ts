import crypto from 'node:crypto';
import http from 'node:http';

export interface ReceivedWebhook {
  /** The path and query it was posted to. */
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  /** Whether `X-CashView-Signature` is the HMAC of the raw body under the secret given. */
  signedWith(secret: string): boolean;
}

/**
 * A real HTTP server on loopback that records each delivery (as ntfy or Home Assistant would take
 * it); `answer` sets the status it replies with, so tests can make it refuse (4xx) or fail (5xx).
 */
export async function startWebhookReceiver() {
  const received: ReceivedWebhook[] = [];
  let status = 200;
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const headers = request.headers;
      received.push({
        url: request.url ?? '',
        headers,
        body,
        signedWith(secret) {
          const expected = `sha256=${crypto.createHmac('sha256', secret).update(body).digest('hex')}`;
          const given = String(headers['x-cashview-signature'] ?? '');
          return given.length === expected.length && crypto.timingSafeEqual(Buffer.from(given), Buffer.from(expected));
        },
      });
      response.writeHead(status).end();
    });
  });
  const port = await new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)));
  return {
    url: `http://127.0.0.1:${port}/hook`,
    port,
    received,
    answer(value: number) {
      status = value;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
