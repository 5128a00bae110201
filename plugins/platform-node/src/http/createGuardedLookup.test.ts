import { NotAllowedError } from '@backstage/errors';
import { LookupAddress, LookupOptions } from 'node:dns';
import { HostResolver, createGuardedLookup } from './createGuardedLookup';

function lookupWith(
  addresses: LookupAddress[],
  publicOnly: boolean,
  options: LookupOptions,
): Promise<unknown[]> {
  const resolveHost: HostResolver = async () => addresses;
  const lookup = createGuardedLookup(resolveHost, { publicOnly });
  return new Promise(resolve =>
    lookup('svc.example.com', options, (...args) => resolve(args)),
  );
}

describe('createGuardedLookup', () => {
  const publicV4 = { address: '93.184.215.14', family: 4 };
  const publicV6 = { address: '2606:2800:21f:cb07::1', family: 6 };
  const privateV6 = { address: 'fd00::5', family: 6 };

  it('gives every address when asked for all', async () => {
    expect(await lookupWith([publicV4, publicV6], true, { all: true })).toEqual(
      [null, [publicV4, publicV6]],
    );
  });

  it('gives the first address of the wanted family otherwise', async () => {
    expect(await lookupWith([publicV4, publicV6], true, { family: 6 })).toEqual(
      [null, publicV6.address, 6],
    );
    expect(await lookupWith([publicV4, publicV6], true, {})).toEqual([
      null,
      publicV4.address,
      4,
    ]);
  });

  it('refuses the name when any address is not public', async () => {
    const [error] = await lookupWith([publicV4, privateV6], true, {
      all: true,
    });

    expect(error).toBeInstanceOf(NotAllowedError);
    expect((error as Error).message).toContain('it resolves to fd00::5');
  });

  it('passes private addresses through when not restricted', async () => {
    expect(await lookupWith([privateV6], false, { all: true })).toEqual([
      null,
      [privateV6],
    ]);
  });

  it('reports a name without an address of the wanted family', async () => {
    const [error] = await lookupWith([publicV4], true, { family: 6 });

    expect((error as NodeJS.ErrnoException).code).toBe('ENOTFOUND');
  });
});
