import { Badge, CloseButton, Group, SegmentedControl, Select } from '@mantine/core';
import { runStatuses, valueOf } from '../../api/vocabulary';
import { useIntegrations } from '../users/queries';
import { hasRunFilters, useWorkflows, type RunFilters } from './queries';
import { ClearFiltersButton, DayRangeInput } from '../../components/FilterParts';

const ANY_STATUS = 'any';

interface RunFiltersBarProps {
  filters: RunFilters;
  onChange: (patch: Partial<RunFilters>) => void;
  onClear: () => void;
}

export function RunFiltersBar({ filters, onChange, onClear }: RunFiltersBarProps) {
  const { data: integrations = [] } = useIntegrations();
  const { data: workflows = [] } = useWorkflows(filters.integrationId);
  const { user } = filters;

  return (
    <Group gap="sm" align="center">
      {user && (
        <Badge
          size="xl"
          variant="light"
          radius="xl"
          tt="none"
          fw={500}
          pr={4}
          rightSection={
            <CloseButton
              size="sm"
              radius="xl"
              variant="transparent"
              aria-label="Remove the user filter"
              onClick={() => onChange({ user: null })}
            />
          }
        >
          User: {user.name || user.key} ({user.key})
        </Badge>
      )}
      <Select
        aria-label="Integration"
        placeholder="Any integration"
        data={integrations.map((i) => ({ value: String(i.id), label: i.name }))}
        value={filters.integrationId ? String(filters.integrationId) : null}
        onChange={(value) => onChange({ integrationId: value ? Number(value) : 0, workflowId: 0 })}
        searchable
        selectFirstOptionOnChange
        clearable
        nothingFoundMessage="No integration found"
        w={200}
      />
      <Select
        aria-label="Workflow"
        placeholder={filters.integrationId ? 'Any workflow' : 'Pick an integration first'}
        data={workflows.map((w) => ({ value: String(w.id), label: w.name }))}
        value={filters.workflowId ? String(filters.workflowId) : null}
        onChange={(value) => onChange({ workflowId: value ? Number(value) : 0 })}
        disabled={!filters.integrationId}
        searchable
        clearable
        nothingFoundMessage="No workflow found"
        w={220}
      />
      <SegmentedControl
        aria-label="Status"
        data={[{ value: ANY_STATUS, label: 'All' }, ...runStatuses]}
        value={filters.status ?? ANY_STATUS}
        onChange={(value) => onChange({ status: valueOf(runStatuses, value) })}
      />
      <DayRangeInput
        label="Started between"
        value={filters.range}
        onChange={(range) => onChange({ range })}
      />
      {hasRunFilters(filters) && <ClearFiltersButton onClick={onClear} />}
    </Group>
  );
}
