import { Group, Select, TextInput } from '@mantine/core';
import { auditActions, targetTypes, valueOf } from '../../api/vocabulary';
import { hasAuditFilters, type AuditFilters } from './queries';
import { ClearFiltersButton, DayRangeInput } from '../../components/FilterParts';

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
      <DayRangeInput label="Date range" value={filters.range} onChange={(range) => onChange({ range })} />
      {hasAuditFilters(filters) && <ClearFiltersButton onClick={onClear} />}
    </Group>
  );
}
