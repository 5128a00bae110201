import { createServer, IncomingMessage, Server } from 'node:http';
import {
  FakeJenkins,
  startFakeJenkins,
} from '../../plugins/pipelines-backend-module-jenkins/src/__testUtils__/startFakeJenkins';
import { seedJenkins } from './seedJenkins';

/** The fake Jenkins of the e2e portal and the server that steers it. */
export interface E2eJenkins {
  jenkins: FakeJenkins;
  controlUrl: string;
  stop(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', chunk => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/**
 * Starts the module's fake Jenkins on 127.0.0.1 (a random port) with the
 * e2e builds, and a control server on `controlPort` through which the
 * tests read the requests it received and put it into an outage:
 *
 * - `GET /requests`: `METHOD path?query` of every Jenkins request so far
 * - `PUT /outage` with `{"status":503}`: Jenkins answers every request so
 * - `DELETE /outage`: Jenkins answers normally again
 *
 * The control server is not part of Jenkins' API and the portal never
 * calls it.
 */
export async function startE2eJenkins(options: {
  controlPort: number;
}): Promise<E2eJenkins> {
  const jenkins = await startFakeJenkins();
  seedJenkins(jenkins);

  const control: Server = createServer((req, res) => {
    const send = (status: number, body?: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(body === undefined ? undefined : JSON.stringify(body));
    };
    const path = new URL(req.url ?? '/', 'http://control').pathname;
    if (req.method === 'GET' && path === '/requests') {
      send(200, jenkins.requests);
    } else if (req.method === 'PUT' && path === '/outage') {
      readBody(req)
        .then(text => {
          const status = Number(JSON.parse(text).status);
          if (!Number.isInteger(status) || status < 500 || status > 599) {
            send(400, { error: 'status must be a 5xx code' });
            return;
          }
          jenkins.failWith(status);
          send(204);
        })
        .catch(error => send(400, { error: String(error) }));
    } else if (req.method === 'DELETE' && path === '/outage') {
      jenkins.failWith(undefined);
      send(204);
    } else {
      send(404, { error: 'not found' });
    }
  });
  try {
    await new Promise<void>((resolve, reject) => {
      control.once('error', reject);
      control.listen(options.controlPort, '127.0.0.1', resolve);
    });
  } catch (error) {
    await jenkins.stop();
    throw error;
  }

  return {
    jenkins,
    controlUrl: `http://127.0.0.1:${options.controlPort}`,
    async stop() {
      control.closeAllConnections();
      await new Promise(resolve => control.close(resolve));
      await jenkins.stop();
    },
  };
}
