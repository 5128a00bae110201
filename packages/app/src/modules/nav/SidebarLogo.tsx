import {
  Link,
  sidebarConfig,
  useSidebarOpenState,
} from '@backstage/core-components';
import { makeStyles } from '@material-ui/core/styles';
import { LogoFull } from './LogoFull';
import { LogoIcon } from './LogoIcon';

const MARK_SIZE = 28;

const useStyles = makeStyles({
  root: {
    display: 'flex',
    alignItems: 'center',
    height: 3 * sidebarConfig.logoHeight,
    // Centres the mark in the closed drawer; opening the drawer keeps it put.
    paddingLeft: (sidebarConfig.drawerWidthClosed - MARK_SIZE) / 2,
  },
  link: {
    display: 'flex',
  },
});

/** The logo at the top of the sidebar; it leads back to the home page. */
export function SidebarLogo() {
  const classes = useStyles();
  const { isOpen } = useSidebarOpenState();

  return (
    <div className={classes.root}>
      <Link
        to="/"
        underline="none"
        className={classes.link}
        aria-label="GoLive home"
      >
        {isOpen ? <LogoFull /> : <LogoIcon />}
      </Link>
    </div>
  );
}
