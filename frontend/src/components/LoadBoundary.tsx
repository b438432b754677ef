import { Alert, Button, Group, Modal, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { Component, type ReactNode } from 'react';

type LoadBoundaryProps = { children: ReactNode } & (
  | { /** Said in the page's place. */ what: 'page' }
  | {
      /** Said in a dialog of its own, shown while the failed dialog is open. */
      what: 'dialog';
      opened: boolean;
      onClose: () => void;
    }
);

/**
 * Holds a failure below it, most often code loaded on demand (a page, a
 * dialog) that did not arrive: in a browser, because Roster was upgraded
 * while the tab stayed open and the new build's files have other names.
 * Without it React unmounts the whole console; with it the rest stays,
 * and a reload gets the version Roster now serves.
 */
export class LoadBoundary extends Component<LoadBoundaryProps, { error: Error | null; opened: boolean }> {
  state = { error: null as Error | null, opened: this.props.what === 'dialog' && this.props.opened };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  // Opening a failed dialog again tries again. One whose code did not load
  // fails the same until a reload (React.lazy keeps the error); one that
  // failed on what it showed may not.
  static getDerivedStateFromProps(props: LoadBoundaryProps, state: { error: Error | null; opened: boolean }) {
    const opened = props.what === 'dialog' && props.opened;
    if (opened === state.opened) return null;
    return opened ? { opened, error: null } : { opened };
  }

  render() {
    const { error } = this.state;
    if (!error) return this.props.children;
    const props = this.props;
    if (props.what === 'dialog' && !props.opened) return null;
    const title = `This ${props.what} could not be shown`;
    const body = (
      <>
        <Text size="sm">{error.message}. If Roster was just upgraded, reloading gets the new version.</Text>
        <Group mt="md">
          <Button onClick={() => window.location.reload()}>Reload</Button>
          {props.what === 'dialog' && (
            <Button variant="default" onClick={props.onClose}>
              Close
            </Button>
          )}
        </Group>
      </>
    );
    if (props.what === 'dialog') {
      // Closing tells the dialog's owner, as the dialog itself would have.
      return (
        <Modal opened title={title} onClose={props.onClose}>
          {body}
        </Modal>
      );
    }
    return (
      <Alert color="red" icon={<IconAlertTriangle size={18} />} title={title}>
        {body}
      </Alert>
    );
  }
}
