// Fonts served by the admin itself (no Google Fonts): Inter, and Noto Sans SC for the Chinese names.
import '@fontsource-variable/inter';
import '@fontsource-variable/noto-sans-sc';
import { getHrefFromList, NavContainer, NavFooter, NavItem, NavList, DeveloperResourcesMenu } from '@keystone-6/core/admin-ui/components';
import type { AdminConfig, NavigationProps } from '@keystone-6/core/types';
import { useLanguage } from './use-language';

/** The standard navigation with the master-data dashboard first (the lists' labels come translated by the server). */
function Navigation({ lists }: NavigationProps) {
  const { t } = useLanguage();
  return (
    <NavContainer>
      <NavList>
        <NavItem href="/master-data">{t('Master data dashboard')}</NavItem>
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
