import { aJob } from '../../testUtils/fakes';
import { layoutJobGraph } from './layoutJobGraph';

describe('layoutJobGraph', () => {
  it('puts each job one column right of the deepest job it needs', () => {
    const layout = layoutJobGraph([
      aJob({ id: 'd', key: 'deploy', needs: ['test', 'lint'] }),
      aJob({ id: 'b', key: 'build' }),
      aJob({ id: 't1', key: 'test', needs: ['build'] }),
      aJob({ id: 't2', key: 'test', needs: ['build'] }),
      aJob({ id: 'l', key: 'lint' }),
    ]);

    const columnOf = Object.fromEntries(
      layout.nodes.map(node => [node.job.id, node.column]),
    );
    expect(columnOf).toEqual({ b: 0, l: 0, t1: 1, t2: 1, d: 2 });
    expect(layout.columns).toBe(3);
    expect(layout.rows).toBe(2);
  });

  it('joins every matrix job of a needed key', () => {
    const layout = layoutJobGraph([
      aJob({ id: 't1', key: 'test' }),
      aJob({ id: 't2', key: 'test' }),
      aJob({ id: 'd', key: 'deploy', needs: ['test'] }),
    ]);

    expect(
      layout.edges.map(edge => `${edge.from.job.id}->${edge.to.job.id}`),
    ).toEqual(['t1->d', 't2->d']);
  });

  it('survives a cycle instead of looping forever', () => {
    const layout = layoutJobGraph([
      aJob({ id: 'a', key: 'a', needs: ['b'] }),
      aJob({ id: 'b', key: 'b', needs: ['a'] }),
    ]);

    expect(layout.nodes).toHaveLength(2);
  });
});
