import {
  ProviderStatus,
  RunFilter,
  RunStatus,
  RunTrigger,
} from '@golive/plugin-pipelines-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';

/** The filters a person can set on a runs list. */
export type RunFilterValues = Pick<
  RunFilter,
  'status' | 'trigger' | 'entityRef' | 'ref' | 'actor' | 'provider'
>;

export interface RunFiltersProps {
  value: RunFilterValues;
  onChange(value: RunFilterValues): void;
  /** Hides the entity field, for lists of one entity. */
  hideEntity?: boolean;
  /**
   * External CI providers that runs may come from; the provider filter is
   * shown only when there is at least one.
   */
  providers?: Pick<ProviderStatus, 'provider' | 'providerTitle'>[];
}

/** Provider id of GoLive's own runs in `RunFilter.provider`. */
export const GOLIVE_PROVIDER = 'golive';

const statuses: [RunStatus, string][] = [
  ['queued', 'Queued'],
  ['running', 'Running'],
  ['waiting', 'Waiting for approval'],
  ['succeeded', 'Succeeded'],
  ['failed', 'Failed'],
  ['cancelled', 'Cancelled'],
];

const triggers: [RunTrigger, string][] = [
  ['manual', 'Manual'],
  ['push', 'Push'],
  ['pull_request', 'Pull request'],
  ['schedule', 'Schedule'],
  ['api', 'API'],
];

function labelsOf<T extends string>(options: [T, string][], selected: T[]) {
  return options
    .filter(([key]) => selected.includes(key))
    .map(([, label]) => label)
    .join(', ');
}

/**
 * Status, trigger, provider, entity, branch and actor filters of a runs
 * list.
 */
export function RunFilters(props: RunFiltersProps) {
  const { value, onChange, hideEntity, providers = [] } = props;
  const providerOptions: [string, string][] = [
    [GOLIVE_PROVIDER, 'GoLive'],
    ...providers.map(p => [p.provider, p.providerTitle] as [string, string]),
  ];
  const set = (patch: RunFilterValues) => onChange({ ...value, ...patch });
  const text = (key: 'entityRef' | 'ref' | 'actor') => ({
    value: value[key] ?? '',
    onChange: (event: { target: { value: string } }) =>
      set({ [key]: event.target.value || undefined }),
  });
  const empty = Object.values(value).every(
    v => v === undefined || (Array.isArray(v) && v.length === 0),
  );

  return (
    <Box
      display="flex"
      flexWrap="wrap"
      alignItems="center"
      mb={2}
      style={{ gap: 16 }}
    >
      <TextField
        select
        id="runs-filter-status"
        label="Status"
        style={{ minWidth: 180 }}
        SelectProps={{
          multiple: true,
          renderValue: () => labelsOf(statuses, value.status ?? []),
        }}
        value={value.status ?? []}
        onChange={e =>
          set({ status: e.target.value as unknown as RunStatus[] })
        }
      >
        {statuses.map(([key, label]) => (
          <MenuItem key={key} value={key}>
            {label}
          </MenuItem>
        ))}
      </TextField>
      <TextField
        select
        id="runs-filter-trigger"
        label="Trigger"
        style={{ minWidth: 160 }}
        SelectProps={{
          multiple: true,
          renderValue: () => labelsOf(triggers, value.trigger ?? []),
        }}
        value={value.trigger ?? []}
        onChange={e =>
          set({ trigger: e.target.value as unknown as RunTrigger[] })
        }
      >
        {triggers.map(([key, label]) => (
          <MenuItem key={key} value={key}>
            {label}
          </MenuItem>
        ))}
      </TextField>
      {providers.length > 0 && (
        <TextField
          select
          id="runs-filter-provider"
          label="Provider"
          style={{ minWidth: 160 }}
          SelectProps={{
            multiple: true,
            renderValue: () => labelsOf(providerOptions, value.provider ?? []),
          }}
          value={value.provider ?? []}
          onChange={e =>
            set({ provider: e.target.value as unknown as string[] })
          }
        >
          {providerOptions.map(([key, label]) => (
            <MenuItem key={key} value={key}>
              {label}
            </MenuItem>
          ))}
        </TextField>
      )}
      {!hideEntity && (
        <TextField
          id="runs-filter-entity"
          label="Entity"
          placeholder="component:default/shop"
          {...text('entityRef')}
        />
      )}
      <TextField
        id="runs-filter-branch"
        label="Branch"
        placeholder="main"
        {...text('ref')}
      />
      <TextField
        id="runs-filter-actor"
        label="Actor"
        placeholder="user:default/ada"
        {...text('actor')}
      />
      {!empty && <Button onClick={() => onChange({})}>Clear filters</Button>}
    </Box>
  );
}
