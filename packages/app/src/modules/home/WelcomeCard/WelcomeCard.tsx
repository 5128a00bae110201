import { Link } from '@backstage/core-components';
import Chip from '@material-ui/core/Chip';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { goliveCapabilities } from '../goliveCapabilities';
import { useInstalledPlugins } from '../useInstalledPlugins';

const useStyles = makeStyles(theme => ({
  item: {
    gap: theme.spacing(2),
  },
  status: {
    flexShrink: 0,
  },
}));

function joinTitles(titles: string[]): string {
  if (titles.length < 2) {
    return titles.join('');
  }
  return `${titles.slice(0, -1).join(', ')} and ${titles[titles.length - 1]}`;
}

/** "What is GoLive": the idea in two sentences and which parts are here. */
export function WelcomeCard() {
  const classes = useStyles();
  const installed = useInstalledPlugins();
  const present = goliveCapabilities.filter(c => installed.has(c.pluginId));

  return (
    <>
      <Typography variant="body1" paragraph>
        GoLive is the developer portal for everything between a commit and a
        running service. It starts from the software catalog, which says what
        each service is and who owns it, and attaches the delivery tools to
        every entry: pipelines, tests and code quality, Jira issues, monitoring,
        and an AI assistant that reads failed runs for you.
      </Typography>
      <Typography variant="body1" paragraph>
        Each part is a plugin. Installed in this portal now:{' '}
        <strong>{joinTitles(present.map(c => c.title)) || 'none'}</strong>. The
        others appear here, in the sidebar and as tabs on catalog pages once
        their plugins are installed.
      </Typography>
      <List disablePadding aria-label="GoLive parts">
        {goliveCapabilities.map(capability => {
          const plugin = installed.get(capability.pluginId);
          return (
            <ListItem
              key={capability.pluginId}
              className={classes.item}
              disableGutters
            >
              <ListItemText
                primary={
                  plugin?.href ? (
                    <Link to={plugin.href}>{capability.title}</Link>
                  ) : (
                    capability.title
                  )
                }
                secondary={capability.description}
              />
              <Chip
                className={classes.status}
                size="small"
                label={plugin ? 'Installed' : 'Not installed'}
                color={plugin ? 'primary' : 'default'}
                variant={plugin ? 'default' : 'outlined'}
              />
            </ListItem>
          );
        })}
      </List>
    </>
  );
}
