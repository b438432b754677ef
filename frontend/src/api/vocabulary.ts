// Words and rules that come from Go (vocabulary.gen.ts, generated from
// backend/domain), with the lookups the screens need.
import type { Role } from './models';
import { roles, type Option, type RoleOption } from './vocabulary.gen';

export * from './vocabulary.gen';

/** The label Go gives a value of a bound enum. */
export function labelOf<T extends string>(options: readonly Option<T>[], value: T): string {
  return options.find((o) => o.value === value)?.label ?? value;
}

/** The value among options that a select returned, or undefined for none. */
export function valueOf<T extends string>(
  options: readonly Option<T>[],
  value: string | null,
): T | undefined {
  return options.find((o) => o.value === value)?.value;
}

/** A role's label, description and scope. */
export function roleOf(role: Role): RoleOption {
  return roles.find((r) => r.value === role) ?? { value: role, label: role, description: '', scoped: false };
}

/** Whether a role is limited to chosen integrations. */
export function isScoped(role: Role): boolean {
  return roleOf(role).scoped;
}
