import { Button, Group, Select, TextInput } from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import { IconCalendar, IconFilterOff } from '@tabler/icons-react';
import { auditActions, targetTypes, valueOf } from '../../api/vocabulary';
import { hasAuditFilters, type AuditFilters } from './queries';

interface AuditFiltersBarProps {
  filters: AuditFilters;
  onChange: (patch: Partial<AuditFilters>) => void;
  onClear: () => void;
}

export function AuditFiltersBar({ filters, onChange, onClear }: AuditFiltersBarProps) {
  return (
    <Group gap="sm" align="flex-end">
      <Select
        aria-label="Action"
        placeholder="Any action"
        data={auditActions}
        value={filters.action ?? null}
        onChange={(value) => onChange({ action: valueOf(auditActions, value) })}
        clearable
        searchable
        selectFirstOptionOnChange
        w={220}
      />
      <Select
        aria-label="Target type"
        placeholder="Any target"
        data={targetTypes}
        value={filters.targetType ?? null}
        onChange={(value) => onChange({ targetType: valueOf(targetTypes, value) })}
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
