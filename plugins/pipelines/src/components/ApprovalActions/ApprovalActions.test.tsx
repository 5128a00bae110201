import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { pipelinesApiRef } from '../../api/PipelinesApi';
import { aJob, aRun, fakePipelinesApi } from '../../testUtils/fakes';
import { ApprovalActions } from './ApprovalActions';

const waiting = aJob({
  id: 'j-prod',
  status: 'waiting',
  environment: 'production',
  approvalRequired: true,
});

describe('ApprovalActions', () => {
  it('rejects a deployment with a comment', async () => {
    const decisions: unknown[] = [];
    renderInTestApp(
      <ApprovalActions run={aRun()} job={waiting} onDecided={() => {}} />,
      {
        apis: [
          [
            pipelinesApiRef,
            fakePipelinesApi({
              decideApproval: async (_runId, _jobId, decision) => {
                decisions.push(decision);
                return aRun();
              },
            }),
          ],
          mockApis.permission(),
        ],
      },
    );

    // The buttons wait for the permission check.
    await waitFor(() =>
      expect(screen.getByRole('button', { name: 'Reject' })).toBeEnabled(),
    );
    await userEvent.type(screen.getByLabelText('Comment'), 'freeze week');
    await userEvent.click(screen.getByRole('button', { name: 'Reject' }));

    await waitFor(() =>
      expect(decisions).toEqual([
        { decision: 'reject', comment: 'freeze week' },
      ]),
    );
  });

  it('disables the buttons for people who may not approve', async () => {
    // usePermission caches answers per resource across renders, so this
    // test asks about an entity no other test has asked about.
    const run = aRun({ entityRef: 'component:default/locked' });
    renderInTestApp(
      <ApprovalActions run={run} job={waiting} onDecided={() => {}} />,
      {
        apis: [
          [pipelinesApiRef, fakePipelinesApi()],
          mockApis.permission({ authorize: AuthorizeResult.DENY }),
        ],
      },
    );

    expect(
      await screen.findByText(/Only people allowed to approve deployments/),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Approve' })).toBeDisabled();
  });

  it('shows who decided once the job is decided', async () => {
    renderInTestApp(
      <ApprovalActions
        run={aRun()}
        job={{
          ...waiting,
          status: 'succeeded',
          approval: {
            decision: 'approved',
            actor: 'user:default/grace',
            comment: 'go',
            decidedAt: '2024-05-01T10:05:00Z',
          },
        }}
        onDecided={() => {}}
      />,
      { apis: [[pipelinesApiRef, fakePipelinesApi()], mockApis.permission()] },
    );

    expect(
      screen.getByText('Approved by user:default/grace: go'),
    ).toBeInTheDocument();
  });
});
