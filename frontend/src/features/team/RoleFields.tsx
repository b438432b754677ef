import { MultiSelect, Select, Stack, Text } from '@mantine/core';
import type { Me, Role } from '../../api/models';
import { isScoped, roleOf, roles, valueOf } from '../../api/vocabulary';
import { useIntegrations } from '../users/queries';

export interface RoleValue {
  role: Role | null;
  integrations: number[];
}

interface RoleFieldsProps {
  me: Me;
  value: RoleValue;
  onChange: (value: RoleValue) => void;
  roleError?: string;
  integrationsError?: string;
}

/** A role among those the signed-in member may grant, and for a per-integration role its integrations. */
export function RoleFields({ me, value, onChange, roleError, integrationsError }: RoleFieldsProps) {
  // Integrations.List returns only a scoped member's own integrations: they grant no others.
  const { data: integrations = [] } = useIntegrations();
  const scoped = value.role !== null && isScoped(value.role);
  return (
    <Stack gap="sm">
      <Select
        label="Role"
        placeholder="Choose a role"
        data={roles.filter((r) => me.grantable.includes(r.value))}
        value={value.role}
        onChange={(v) => {
          const role = valueOf(roles, v) ?? null;
          onChange({ role, integrations: role && isScoped(role) ? value.integrations : [] });
        }}
        renderOption={({ option }) => (
          <div>
            <Text size="sm">{option.label}</Text>
            <Text size="xs" c="dimmed">
              {roleOf(option.value as Role).description}
            </Text>
          </div>
        )}
        description={value.role ? roleOf(value.role).description : undefined}
        error={roleError}
        allowDeselect={false}
        comboboxProps={{ zIndex: 400 }}
      />
      {scoped && (
        <MultiSelect
          label="Integrations"
          placeholder={value.integrations.length ? undefined : 'Choose one or more'}
          data={integrations.map((i) => ({ value: String(i.id), label: i.name }))}
          value={value.integrations.map(String)}
          onChange={(ids) => onChange({ ...value, integrations: ids.map(Number) })}
          searchable
          error={integrationsError}
          comboboxProps={{ zIndex: 400 }}
        />
      )}
    </Stack>
  );
}
