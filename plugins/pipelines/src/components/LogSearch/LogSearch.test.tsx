import { renderInTestApp } from '@backstage/frontend-test-utils';
import { LogQuery } from '../../api/PipelinesApi';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { pipelinesApiRef } from '../../api/PipelinesApi';
import { fakePipelinesApi } from '../../testUtils/fakes';
import { LogSearch } from './LogSearch';

describe('LogSearch', () => {
  it("finds lines in the job's whole log and says which step wrote them", async () => {
    const queries: (LogQuery | undefined)[] = [];
    const api = fakePipelinesApi({
      getLogs: async (_runId, _jobId, query) => {
        queries.push(query);
        return {
          lines: [
            {
              seq: 812,
              stepIndex: 1,
              stream: 'stderr',
              time: 't',
              text: '\u001b[31mError\u001b[0m: cart total is wrong',
            },
          ],
          truncated: false,
          live: false,
        };
      },
    });
    renderInTestApp(
      <LogSearch runId="r1" jobId="j1" stepNames={['Install', 'Test']} />,
      { apis: [[pipelinesApiRef, api]] },
    );

    await userEvent.type(
      screen.getByLabelText("Search the job's log"),
      'cart{Enter}',
    );

    const matches = await screen.findByRole('list', { name: 'Matching lines' });
    expect(
      within(matches).getByText('Error: cart total is wrong'),
    ).toBeInTheDocument();
    expect(within(matches).getByText(/Test · line 812/)).toBeInTheDocument();
    expect(queries).toEqual([{ search: 'cart', limit: 200 }]);
  });

  it('says so when nothing matches', async () => {
    renderInTestApp(<LogSearch runId="r1" jobId="j1" stepNames={[]} />, {
      apis: [[pipelinesApiRef, fakePipelinesApi()]],
    });

    await userEvent.type(
      screen.getByLabelText("Search the job's log"),
      'nothing{Enter}',
    );

    expect(await screen.findByText('No line matches.')).toBeInTheDocument();
  });
});
