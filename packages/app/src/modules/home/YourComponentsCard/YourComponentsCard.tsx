import { Entity } from '@backstage/catalog-model';
import { Link, Progress, ResponseErrorPanel } from '@backstage/core-components';
import {
  identityApiRef,
  useApi,
  useRouteRef,
} from '@backstage/frontend-plugin-api';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import { catalogApiRef, EntityRefLink } from '@backstage/plugin-catalog-react';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';

/** How many components the card lists before it points to the catalog. */
export const YOUR_COMPONENTS_LIMIT = 8;

function describe(entity: Entity): string {
  const parts = [entity.spec?.type, entity.spec?.lifecycle].filter(
    (part): part is string => typeof part === 'string',
  );
  return parts.join(' · ');
}

/** The components that you or one of your teams own, first few by name. */
export function YourComponentsCard() {
  const catalogApi = useApi(catalogApiRef);
  const identityApi = useApi(identityApiRef);
  const catalogLink = useRouteRef(catalogPlugin.routes.catalogIndex);

  const { value, loading, error } = useAsync(async () => {
    const { ownershipEntityRefs } = await identityApi.getBackstageIdentity();
    return catalogApi.queryEntities({
      filter: {
        kind: 'component',
        'relations.ownedBy': ownershipEntityRefs,
      },
      orderFields: { field: 'metadata.name', order: 'asc' },
      limit: YOUR_COMPONENTS_LIMIT,
    });
  }, [catalogApi, identityApi]);

  const ownedHref = catalogLink
    ? `${catalogLink()}?filters[kind]=component&filters[user]=owned`
    : undefined;

  if (loading) {
    return <Progress />;
  }
  if (error) {
    return <ResponseErrorPanel error={error} />;
  }
  if (!value || value.items.length === 0) {
    return (
      <Typography variant="body2">
        Nothing in the catalog is owned by you or your teams yet. A component
        shows up here once the owner in its catalog-info.yaml is you or one of
        your groups.{' '}
        {catalogLink && <Link to={catalogLink()}>Browse the catalog</Link>}
      </Typography>
    );
  }

  const hidden = value.totalItems - value.items.length;
  return (
    <>
      <List dense disablePadding aria-label="Your components">
        {value.items.map(entity => (
          <ListItem key={entity.metadata.uid ?? entity.metadata.name} divider>
            <ListItemText
              primary={<EntityRefLink entityRef={entity} />}
              secondary={describe(entity)}
            />
          </ListItem>
        ))}
      </List>
      {ownedHref && (
        <Typography variant="body2" component="p">
          <Link to={ownedHref}>
            {hidden > 0
              ? `Show all ${value.totalItems} in the catalog`
              : 'Open them in the catalog'}
          </Link>
        </Typography>
      )}
    </>
  );
}
