import {
  EmptyState,
  Progress,
  ResponseErrorPanel,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { ResponseError } from '@backstage/errors';
import { useApi } from '@backstage/frontend-plugin-api';
import { SecretSummary } from '@golive/plugin-pipelines-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import AddIcon from '@material-ui/icons/Add';
import { Alert } from '@material-ui/lab';
import { ReactElement, useCallback, useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { pipelinesApiRef } from '../../api/PipelinesApi';
import { useSecretPermission } from '../../hooks/useSecretPermission';
import { DeleteSecretDialog } from '../DeleteSecretDialog';
import { SecretDialog } from '../SecretDialog';

export interface SecretsPanelProps {
  /** The entity whose secrets to manage; absent for global secrets. */
  entityRef?: string;
}

type Editing =
  | { kind: 'add' }
  | { kind: 'replace'; name: string }
  | { kind: 'delete'; name: string };

const PAGE_SIZE = 20;

const exampleJob = `jobs:
  deploy:
    secrets: [API_TOKEN]
    steps:
      - run: ./deploy.sh   # reads $API_TOKEN`;

function HowSecretsWork(props: { global: boolean }) {
  return (
    <>
      A job receives a secret as an environment variable of the same name when
      its <code>secrets:</code> list names it:
      <code style={{ display: 'block', whiteSpace: 'pre', margin: '8px 0' }}>
        {exampleJob}
      </code>
      Values are write-only: once saved nobody can read them back, and they are
      masked as <code>***</code> in logs. Pull requests from forks never receive
      secrets.{' '}
      {props.global
        ? 'Global secrets reach the jobs of every component; a component secret of the same name takes precedence.'
        : 'A secret of this component takes precedence over a global secret of the same name.'}
    </>
  );
}

function isForbidden(error: Error): boolean {
  return ResponseError.is(error) && error.statusCode === 403;
}

/** Lets buttons explain, on hover, why they are disabled. */
function Gate(props: {
  allowed: boolean;
  reason: string;
  children: ReactElement;
}) {
  if (props.allowed) {
    return props.children;
  }
  // A disabled button gets no pointer events, so the tooltip needs a wrapper.
  return (
    <Tooltip title={props.reason}>
      <span>{props.children}</span>
    </Tooltip>
  );
}

/** Names of the secrets of an entity, or the global ones, and their editing. */
export function SecretsPanel(props: SecretsPanelProps) {
  const { entityRef } = props;
  const pipelinesApi = useApi(pipelinesApiRef);
  const permission = useSecretPermission(entityRef);
  const [editing, setEditing] = useState<Editing>();
  const secrets = useAsyncRetry(
    () => pipelinesApi.listSecrets(entityRef),
    [pipelinesApi, entityRef],
  );
  const { retry } = secrets;
  const done = useCallback(() => {
    setEditing(undefined);
    retry();
  }, [retry]);

  const allowed = permission.allowed;
  const reason = permission.loading
    ? 'Checking your permissions'
    : `You may not manage ${entityRef ? "this component's" : 'global'} secrets`;
  const scope = entityRef ? 'this component' : 'all components';

  if (secrets.loading && !secrets.value) {
    return <Progress />;
  }
  if (secrets.error && !secrets.value && isForbidden(secrets.error)) {
    // Listing needs the same permission as changing, on the backend.
    return (
      <EmptyState
        missing="info"
        title={
          entityRef
            ? "You may not see this component's secrets"
            : 'You may not see the global secrets'
        }
        description={
          <>
            {entityRef
              ? 'Ask an owner of this component to add the secrets its jobs need.'
              : 'Ask a portal administrator to add the secrets your jobs need.'}{' '}
            <HowSecretsWork global={!entityRef} />
          </>
        }
      />
    );
  }
  if (secrets.error && !secrets.value) {
    return (
      <ResponseErrorPanel
        error={secrets.error}
        title="Could not load secrets"
      />
    );
  }

  const items = secrets.value?.items ?? [];
  const names = items.map(item => item.name);
  const addButton = (
    <Gate allowed={allowed} reason={reason}>
      <Button
        variant="contained"
        color="primary"
        startIcon={<AddIcon />}
        disabled={!allowed}
        onClick={() => setEditing({ kind: 'add' })}
      >
        Add secret
      </Button>
    </Gate>
  );

  const columns: TableColumn<SecretSummary>[] = [
    {
      title: 'Name',
      render: secret => <code>{secret.name}</code>,
    },
    { title: 'Updated by', field: 'updatedBy' },
    {
      title: 'Updated',
      render: secret => new Date(secret.updatedAt).toLocaleString(),
    },
    {
      title: 'Actions',
      align: 'right',
      render: secret => (
        <Box display="flex" justifyContent="flex-end" style={{ gap: 8 }}>
          <Gate allowed={allowed} reason={reason}>
            <Button
              size="small"
              aria-label={`Replace ${secret.name}`}
              disabled={!allowed}
              onClick={() => setEditing({ kind: 'replace', name: secret.name })}
            >
              Replace
            </Button>
          </Gate>
          <Gate allowed={allowed} reason={reason}>
            <Button
              size="small"
              color="secondary"
              aria-label={`Delete ${secret.name}`}
              disabled={!allowed}
              onClick={() => setEditing({ kind: 'delete', name: secret.name })}
            >
              Delete
            </Button>
          </Gate>
        </Box>
      ),
    },
  ];

  return (
    <Box>
      {secrets.error && (
        <Box mb={2}>
          <Alert severity="error">
            Could not reload secrets: {secrets.error.message}
          </Alert>
        </Box>
      )}
      {items.length === 0 ? (
        <EmptyState
          missing="data"
          title={`No secrets for ${scope} yet`}
          description={<HowSecretsWork global={!entityRef} />}
          action={addButton}
        />
      ) : (
        <>
          <Box
            display="flex"
            justifyContent="space-between"
            alignItems="center"
            mb={1}
          >
            <Typography variant="body2" color="textSecondary">
              Jobs receive these as environment variables when their{' '}
              <code>secrets:</code> list names them; values are masked in logs.
            </Typography>
            {addButton}
          </Box>
          <Table<SecretSummary>
            title={entityRef ? 'Secrets' : 'Global secrets'}
            columns={columns}
            data={items}
            options={{
              paging: items.length > PAGE_SIZE,
              pageSize: PAGE_SIZE,
              pageSizeOptions: [PAGE_SIZE, 50, 100],
              search: items.length > PAGE_SIZE,
              sorting: false,
            }}
          />
        </>
      )}
      {editing?.kind === 'add' && (
        <SecretDialog
          entityRef={entityRef}
          existingNames={names}
          onClose={() => setEditing(undefined)}
          onSaved={done}
        />
      )}
      {editing?.kind === 'replace' && (
        <SecretDialog
          entityRef={entityRef}
          name={editing.name}
          onClose={() => setEditing(undefined)}
          onSaved={done}
        />
      )}
      {editing?.kind === 'delete' && (
        <DeleteSecretDialog
          entityRef={entityRef}
          name={editing.name}
          onClose={() => setEditing(undefined)}
          onDeleted={done}
        />
      )}
    </Box>
  );
}
