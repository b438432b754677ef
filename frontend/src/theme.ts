import { createTheme, Drawer, Modal } from '@mantine/core';

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
