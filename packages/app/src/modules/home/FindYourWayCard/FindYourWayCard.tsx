import { Link } from '@backstage/core-components';
import { RouteRef, useRouteRef } from '@backstage/frontend-plugin-api';
import apiDocsPlugin from '@backstage/plugin-api-docs/alpha';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import notificationsPlugin from '@backstage/plugin-notifications/alpha';
import searchPlugin from '@backstage/plugin-search/alpha';
import userSettingsPlugin from '@backstage/plugin-user-settings/alpha';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import { ReactNode } from 'react';

interface StepProps {
  title: string;
  routeRef: RouteRef;
  children: ReactNode;
}

// A step names a place; the name links there only when the app can route to
// it, so a missing plugin never leaves a dead link.
function Step(props: StepProps) {
  const link = useRouteRef(props.routeRef);
  const href = link?.();

  return (
    <ListItem disableGutters>
      <ListItemText
        primary={href ? <Link to={href}>{props.title}</Link> : props.title}
        secondary={props.children}
      />
    </ListItem>
  );
}

/** A short tour of the sidebar, in the order a newcomer needs it. */
export function FindYourWayCard() {
  return (
    <List disablePadding aria-label="Places in GoLive">
      <Step title="Catalog" routeRef={catalogPlugin.routes.catalogIndex}>
        Start here. Open a component to see its owner, its APIs, what it depends
        on and a graph of its relations. The star next to a name pins it to this
        home page.
      </Step>
      <Step title="APIs" routeRef={apiDocsPlugin.routes.root}>
        Every API in the catalog, with its definition and the components that
        provide and consume it.
      </Step>
      <Step title="Search" routeRef={searchPlugin.routes.root}>
        The magnifier at the top of the sidebar searches the catalog; press
        Enter for the full results page.
      </Step>
      <Step title="Notifications" routeRef={notificationsPlugin.routes.root}>
        The bell counts your unread messages. New ones arrive without a reload.
      </Step>
      <Step title="Settings" routeRef={userSettingsPlugin.routes.root}>
        Choose the light or dark GoLive theme, see who you are signed in as, and
        sign out.
      </Step>
    </List>
  );
}
