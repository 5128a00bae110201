import {
  Sidebar as BackstageSidebar,
  SidebarDivider,
  SidebarGroup,
  SidebarItem,
  SidebarScrollWrapper,
  SidebarSpace,
} from '@backstage/core-components';
import {
  NavContentComponentProps,
  NavContentNavItem,
} from '@backstage/plugin-app-react';
import { NotificationsSidebarItem } from '@backstage/plugin-notifications';
import { SidebarSearchModal } from '@backstage/plugin-search';
import { UserSettingsSignInAvatar } from '@backstage/plugin-user-settings';
import MenuIcon from '@material-ui/icons/Menu';
import SearchIcon from '@material-ui/icons/Search';
import { SidebarLogo } from './SidebarLogo';

function NavItem(props: NavContentNavItem) {
  return (
    <SidebarItem icon={() => props.icon} to={props.href} text={props.title} />
  );
}

/**
 * The GoLive sidebar. Home, Catalog and APIs come first. Every other
 * top-level page follows them, as long as it has a route ref and an icon
 * (its own or its plugin's), so a GoLive plugin gets its entry by being
 * installed.
 */
export function Sidebar(props: NavContentComponentProps) {
  const { navItems } = props;

  // Placed on their own: search opens a modal, notifications carry the
  // unread badge, settings sit at the bottom with the user's avatar.
  const search = navItems.take('page:search');
  const notifications = navItems.take('page:notifications');
  const settings = navItems.take('page:user-settings');
  // The graph page needs an entity to start from; entity pages link to it.
  navItems.take('page:catalog-graph');

  const nav = navItems.withComponent(NavItem);
  const main = [
    nav.take('page:home'),
    nav.take('page:catalog'),
    nav.take('page:api-docs'),
  ];
  const plugins = nav.rest({ sortBy: 'title' });

  return (
    <BackstageSidebar>
      <SidebarLogo />
      {search && (
        <SidebarGroup label="Search" icon={<SearchIcon />} to={search.href}>
          <SidebarSearchModal />
        </SidebarGroup>
      )}
      <SidebarDivider />
      <SidebarGroup label="Menu" icon={<MenuIcon />}>
        {main}
        {plugins.length > 0 && (
          <>
            <SidebarDivider />
            <SidebarScrollWrapper>{plugins}</SidebarScrollWrapper>
          </>
        )}
      </SidebarGroup>
      <SidebarSpace />
      {notifications && (
        <>
          <SidebarDivider />
          <NotificationsSidebarItem />
        </>
      )}
      {settings && (
        <>
          <SidebarDivider />
          <SidebarGroup
            label="Settings"
            icon={<UserSettingsSignInAvatar />}
            to={settings.href}
          >
            <NavItem {...settings} />
          </SidebarGroup>
        </>
      )}
    </BackstageSidebar>
  );
}
