import { Alert, Button, Group, Modal, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { Component, type ReactNode } from 'react';

interface LoadBoundaryProps {
  children: ReactNode;
  /** What failed: a page (said in its place) or a dialog (said in a dialog of its own). */
  what: 'page' | 'dialog';
}

/**
 * Holds a failure below it, most often code loaded on demand (a page, a
 * dialog) that did not arrive: in a browser, because Roster was upgraded
 * while the tab stayed open and the new build's files have other names.
 * Without it React unmounts the whole console; with it the rest stays,
 * and a reload gets the version Roster now serves.
 */
export class LoadBoundary extends Component<LoadBoundaryProps, { error: Error | null; dismissed: boolean }> {
  state = { error: null as Error | null, dismissed: false };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  dismiss = () => this.setState({ dismissed: true });

  render() {
    const { error, dismissed } = this.state;
    if (!error) return this.props.children;
    if (dismissed) return null;
    const title = `This ${this.props.what} could not be shown`;
    const body = (
      <>
        <Text size="sm">{error.message}. If Roster was just upgraded, reloading gets the new version.</Text>
        <Group mt="md">
          <Button onClick={() => window.location.reload()}>Reload</Button>
          {this.props.what === 'dialog' && (
            <Button variant="default" onClick={this.dismiss}>
              Close
            </Button>
          )}
        </Group>
      </>
    );
    if (this.props.what === 'dialog') {
      return (
        // Closed, it stays closed: the code it needs would fail again until a reload.
        <Modal opened title={title} onClose={this.dismiss}>
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
