import { createTheme, Drawer, localStorageColorSchemeManager, Modal, Select } from '@mantine/core';

const titleStyles = { title: { fontWeight: 600, fontSize: 'var(--mantine-font-size-lg)' } };

export const theme = createTheme({
  primaryColor: 'indigo',
  defaultRadius: 'md',
  cursorType: 'pointer',
  components: {
    Modal: Modal.extend({ styles: titleStyles }),
    Drawer: Drawer.extend({ styles: titleStyles }),
    // Options render as a list opens, not with the page: Mantine keeps every
    // closed Select's options in the document (the users filter's integration
    // list was 150 elements of the first screen).
    Select: Select.extend({ defaultProps: { comboboxProps: { keepMounted: false } } }),
  },
});

/**
 * The theme a member picks in the account menu (light, dark, or "auto":
 * follow the system), remembered in this browser or desktop window.
 */
export const colorSchemeManager = localStorageColorSchemeManager({ key: 'roster-color-scheme' });
