// Fonts served by the admin itself (no Google Fonts): Inter, and Noto Sans SC for the Chinese names.
import '@fontsource-variable/inter';
import '@fontsource-variable/noto-sans-sc';
import { getHrefFromList, NavContainer, NavFooter, NavItem, NavList, DeveloperResourcesMenu } from '@keystone-6/core/admin-ui/components';
import type { AdminConfig, NavigationProps } from '@keystone-6/core/types';

/** The standard navigation with the master-data dashboard first. */
function Navigation({ lists }: NavigationProps) {
  return (
    <NavContainer>
      <NavList>
        <NavItem href="/master-data">Master data dashboard</NavItem>
        {lists.map((list) => (
          <NavItem key={list.key} href={getHrefFromList(list)}>
            {list.label}
          </NavItem>
        ))}
      </NavList>
      <NavFooter>
        <DeveloperResourcesMenu />
      </NavFooter>
    </NavContainer>
  );
}

export const components: AdminConfig['components'] = { Navigation };
