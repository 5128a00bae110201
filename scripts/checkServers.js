// Finds the PostgreSQL and Redis servers that the backend tests use and
// fails with a clear message when either cannot be reached: the suite never
// skips database or queue tests silently.
const net = require('node:net');

const postgresUrl =
  process.env.GOLIVE_TEST_POSTGRES_URL ??
  'postgresql://postgres@127.0.0.1:5432';
const redisUrl = process.env.GOLIVE_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

async function postgresVersion() {
  const { Client } = require('pg');
  const client = new Client({
    connectionString: postgresUrl,
    connectionTimeoutMillis: 5000,
  });
  try {
    await client.connect();
    const { rows } = await client.query('SHOW server_version');
    return `PostgreSQL ${rows[0].server_version}`;
  } finally {
    await client.end().catch(() => {});
  }
}

function redisVersion() {
  const { hostname, port } = new URL(redisUrl);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port || 6379), hostname || '127.0.0.1');
    let reply = '';
    socket.setTimeout(5000, () => {
      socket.destroy();
      reject(new Error('timed out'));
    });
    socket.on('connect', () => socket.write('INFO server\r\n'));
    socket.on('data', chunk => {
      reply += chunk.toString('utf8');
      const match = reply.match(/redis_version:(\S+)/);
      if (match) {
        socket.end();
        resolve(`Redis ${match[1]}`);
      }
    });
    socket.on('error', reject);
  });
}

async function checkServers() {
  const failures = [];
  const pg = await postgresVersion().catch(e => {
    failures.push(`PostgreSQL at ${postgresUrl} is unreachable: ${e.message}`);
  });
  const redis = await redisVersion().catch(e => {
    failures.push(`Redis at ${redisUrl} is unreachable: ${e.message}`);
  });
  if (failures.length > 0) {
    throw new Error(
      `${failures.join('; ')}. The backend tests need both servers; set ` +
        'GOLIVE_TEST_POSTGRES_URL and GOLIVE_TEST_REDIS_URL to reach them.',
    );
  }
  console.log(`Tests use PostgreSQL at ${postgresUrl} (${pg})`);
  console.log(`Tests use Redis at ${redisUrl} (${redis})`);
  return { postgresUrl, redisUrl, postgresVersion: pg, redisVersion: redis };
}

module.exports = { checkServers };
