import { Group, Select, TextInput } from '@mantine/core';
import { auditActions, targetTypes, valueOf } from '../../api/vocabulary';
import { hasAuditFilters, useAuditActors, type AuditFilters } from './queries';
import { ClearFiltersButton, DayRangeInput } from '../../components/FilterParts';

interface AuditFiltersBarProps {
  filters: AuditFilters;
  onChange: (patch: Partial<AuditFilters>) => void;
  onClear: () => void;
}

export function AuditFiltersBar({ filters, onChange, onClear }: AuditFiltersBarProps) {
  const actors = useAuditActors();
  const actorOptions = (actors.data ?? []).map((a) => ({
    value: a.id,
    label: a.email ? `${a.name} (${a.email})` : a.name,
  }));
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
        w={200}
      />
      <Select
        aria-label="Actor"
        placeholder="Anyone"
        data={actorOptions}
        value={filters.actor ?? null}
        onChange={(value) => onChange({ actor: value ?? undefined })}
        nothingFoundMessage={actors.isError ? 'Could not load who acted' : 'Nobody by that name'}
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
        w={150}
      />
      <TextInput
        aria-label="Target"
        placeholder="User external ID or member e-mail"
        title="The connected user's external ID, or the team member's e-mail"
        value={filters.target}
        onChange={(e) => onChange({ target: e.currentTarget.value })}
        w={260}
      />
      <DayRangeInput label="Date range" value={filters.range} onChange={(range) => onChange({ range })} />
      {hasAuditFilters(filters) && <ClearFiltersButton onClick={onClear} />}
    </Group>
  );
}
