/**
 * Turns an error that stopped the backend from starting into one readable
 * paragraph: the messages of the error and its causes, without stack
 * traces, with a plain explanation for the failures people meet most.
 */
export function describeStartupFailure(error: unknown): string {
  const chain: unknown[] = [];
  for (let e = error; e && chain.length < 10; e = (e as any).cause) {
    chain.push(e);
  }

  const inUse = chain.find(e => (e as any)?.code === 'EADDRINUSE') as
    | { address?: string; port?: number }
    | undefined;
  if (inUse) {
    const where = inUse.port ? `Port ${inUse.port}` : 'The configured port';
    return (
      `GoLive could not start: ${where} is already in use` +
      `${inUse.address ? ` on ${inUse.address}` : ''}. Stop the program ` +
      'that holds it, or choose another port with backend.listen.port ' +
      '(and backend.baseUrl/app.baseUrl to match).'
    );
  }

  const messages: string[] = [];
  for (const e of chain) {
    const message = e instanceof Error ? e.message : String(e);
    if (!messages.some(m => m.includes(message))) {
      messages.push(message);
    }
  }
  return `GoLive could not start: ${messages.join('; caused by: ')}`;
}
