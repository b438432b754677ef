import { createTheme, Drawer, localStorageColorSchemeManager, Modal } from '@mantine/core';

const titleStyles = { title: { fontWeight: 600, fontSize: 'var(--mantine-font-size-lg)' } };

export const theme = createTheme({
  primaryColor: 'indigo',
  defaultRadius: 'md',
  cursorType: 'pointer',
  components: {
    Modal: Modal.extend({ styles: titleStyles }),
    Drawer: Drawer.extend({ styles: titleStyles }),
  },
});

/**
 * The theme a member picks in the account menu (light, dark, or "auto":
 * follow the system), remembered in this browser or desktop window.
 */
export const colorSchemeManager = localStorageColorSchemeManager({ key: 'roster-color-scheme' });
