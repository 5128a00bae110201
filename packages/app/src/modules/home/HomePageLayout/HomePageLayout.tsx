import { Content, Header, Page } from '@backstage/core-components';
import { ReactRouterV6PageRouter } from '@backstage/frontend-adapter-react-router-v6';
import { HomePageLayoutProps } from '@backstage/plugin-home-react/alpha';
import Grid from '@material-ui/core/Grid';
import { useMemo } from 'react';
import { defaultHomeWidgetSlot, homeWidgetSlots } from './homeWidgetSlots';

/**
 * A fixed arrangement of the home page widgets: the search bar on top, the
 * GoLive introduction next to the guide, then the personal lists. Widgets of
 * plugins installed later follow in the order they were installed.
 */
export function HomePageLayout(props: HomePageLayoutProps) {
  const widgets = useMemo(
    () =>
      props.widgets
        .map((widget, index) => ({
          widget,
          index,
          slot:
            (widget.name && homeWidgetSlots[widget.name]) ||
            defaultHomeWidgetSlot,
        }))
        .sort((a, b) => a.slot.order - b.slot.order || a.index - b.index),
    [props.widgets],
  );

  return (
    // Widgets from the catalog and search plugins route with React Router.
    <ReactRouterV6PageRouter>
      <Page themeId="home">
        <Header
          title="Welcome to GoLive"
          subtitle="Your services from commit to production, in one place"
        />
        <Content>
          <Grid container spacing={3} alignItems="stretch">
            {widgets.map(({ widget, slot, index }) => (
              <Grid
                item
                xs={12}
                md={slot.width}
                key={widget.name ?? widget.node.spec.id ?? index}
              >
                {widget.component}
              </Grid>
            ))}
          </Grid>
        </Content>
      </Page>
    </ReactRouterV6PageRouter>
  );
}
