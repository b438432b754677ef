import { Button, Group, Select, TextInput } from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import { IconCalendar, IconFilterOff } from '@tabler/icons-react';
import type { AuditTargetType } from '../../api/types';
import { actionLabel, TARGET_TYPES, targetTypeLabel } from './format';
import { hasAuditFilters, useAuditActions, type AuditFilters } from './queries';

interface AuditFiltersBarProps {
  filters: AuditFilters;
  onChange: (patch: Partial<AuditFilters>) => void;
  onClear: () => void;
}

export function AuditFiltersBar({ filters, onChange, onClear }: AuditFiltersBarProps) {
  const { data: actions = [] } = useAuditActions();
  return (
    <Group gap="sm" align="flex-end">
      <Select
        aria-label="Action"
        placeholder="Any action"
        data={actions.map((a) => ({ value: a, label: actionLabel(a) }))}
        value={filters.action || null}
        onChange={(value) => onChange({ action: value ?? '' })}
        clearable
        searchable
        selectFirstOptionOnChange
        w={220}
      />
      <Select
        aria-label="Target type"
        placeholder="Any target"
        data={TARGET_TYPES.map((t) => ({ value: t, label: targetTypeLabel(t) }))}
        value={filters.targetType || null}
        onChange={(value) => onChange({ targetType: (value ?? '') as AuditTargetType | '' })}
        clearable
        w={170}
      />
      <TextInput
        aria-label="Target ID"
        placeholder="Target ID"
        value={filters.targetId}
        onChange={(e) => onChange({ targetId: e.currentTarget.value })}
        w={180}
      />
      <DatePickerInput
        type="range"
        aria-label="Date range"
        placeholder="Any time"
        leftSection={<IconCalendar size={16} />}
        value={filters.range}
        onChange={(range) => onChange({ range })}
        valueFormat="D MMM YYYY"
        clearable
        allowSingleDateInRange
        maxDate={new Date()}
        w={260}
      />
      {hasAuditFilters(filters) && (
        <Button variant="subtle" color="gray" leftSection={<IconFilterOff size={16} />} onClick={onClear}>
          Clear filters
        </Button>
      )}
    </Group>
  );
}
