import { Button } from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import { IconCalendar, IconFilterOff } from '@tabler/icons-react';
import type { DayRange } from '../lib/dateRange';

interface DayRangeInputProps {
  label: string;
  placeholder?: string;
  value: DayRange;
  onChange: (range: DayRange) => void;
}

/** A range of whole days up to today, as every list's filter bar takes it. */
export function DayRangeInput({ label, placeholder = 'Any time', value, onChange }: DayRangeInputProps) {
  return (
    <DatePickerInput
      type="range"
      aria-label={label}
      placeholder={placeholder}
      leftSection={<IconCalendar size={16} />}
      value={value}
      onChange={onChange}
      valueFormat="D MMM YYYY"
      clearable
      allowSingleDateInRange
      maxDate={new Date()}
      w={260}
    />
  );
}

/** Resets a filter bar. */
export function ClearFiltersButton({ onClick }: { onClick: () => void }) {
  return (
    <Button variant="subtle" color="gray" leftSection={<IconFilterOff size={16} />} onClick={onClick}>
      Clear filters
    </Button>
  );
}
