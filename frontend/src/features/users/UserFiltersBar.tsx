import { CloseButton, Group, Select, Text, TextInput } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { limits } from '../../api/vocabulary';
import { formatNumber } from '../../lib/format';
import { hasFilters, isShortSearch, useIntegrations, type UserFilters } from './queries';
import { ClearFiltersButton, DayRangeInput } from '../../components/FilterParts';

interface UserFiltersBarProps {
  filters: UserFilters;
  onChange: (patch: Partial<UserFilters>) => void;
  onClear: () => void;
  /** The filters a reset returns to; a per-integration role always filters by integration. */
  defaults: UserFilters;
  /** An integration must stay chosen (per-integration roles). */
  integrationRequired: boolean;
}

export function UserFiltersBar({
  filters,
  onChange,
  onClear,
  defaults,
  integrationRequired,
}: UserFiltersBarProps) {
  const { data: integrations = [] } = useIntegrations();
  const usersOf = new Map(integrations.map((i) => [String(i.id), i.users]));

  return (
    // Top-aligned: the search's hint hangs below it without moving the rest.
    <Group gap="sm" align="flex-start">
      <TextInput
        aria-label="Search users"
        placeholder="Search name, email or user ID"
        leftSection={<IconSearch size={16} />}
        value={filters.search}
        maxLength={limits.maxSearchLength}
        error={isShortSearch(filters.search) && `Type at least ${limits.minSearchLength} characters`}
        onChange={(e) => onChange({ search: e.currentTarget.value })}
        rightSection={
          filters.search && <CloseButton aria-label="Clear search" onClick={() => onChange({ search: '' })} />
        }
        w={300}
      />
      <Select
        aria-label="Integration"
        placeholder="Any integration"
        data={integrations.map((i) => ({ value: String(i.id), label: i.name }))}
        renderOption={({ option }) => (
          <Group justify="space-between" wrap="nowrap" w="100%">
            <span>{option.label}</span>
            <Text span size="xs" c="dimmed">
              {formatNumber(usersOf.get(option.value) ?? 0)}
            </Text>
          </Group>
        )}
        value={filters.integrationId ? String(filters.integrationId) : null}
        onChange={(value) => onChange({ integrationId: value ? Number(value) : 0 })}
        searchable
        selectFirstOptionOnChange
        clearable={!integrationRequired}
        allowDeselect={!integrationRequired}
        nothingFoundMessage="No integration found"
        w={220}
      />
      <DayRangeInput
        label="Created between"
        placeholder="Created any time"
        value={filters.created}
        onChange={(created) => onChange({ created })}
      />
      {hasFilters(filters, defaults) && <ClearFiltersButton onClick={onClear} />}
    </Group>
  );
}
