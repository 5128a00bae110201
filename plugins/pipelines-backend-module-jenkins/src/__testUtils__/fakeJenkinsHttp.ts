import { IncomingMessage, ServerResponse } from 'node:http';

/** The plumbing of the fake Jenkins: bodies, JSON and error pages, cookies. */
export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', chunk => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export function sendJson(res: ServerResponse, body: unknown, status = 200) {
  res.writeHead(status, { 'content-type': 'application/json;charset=utf-8' });
  res.end(JSON.stringify(body));
}

export function sendError(
  res: ServerResponse,
  status: number,
  message: string,
) {
  res.writeHead(status, { 'content-type': 'text/html;charset=utf-8' });
  res.end(
    `<html><body><h2>HTTP ERROR ${status}</h2><p>${message}</p></body></html>`,
  );
}

export function parseCookies(header: string | undefined): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of (header ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name) {
      cookies.set(name, value.join('='));
    }
  }
  return cookies;
}
