import { describe, expect, it } from 'vitest';
import { compareKeys, rowToObject, utcTimestamp } from '../src/entity.js';
import { people } from './support/fake-source.js';

describe('utcTimestamp', () => {
  it('keeps UTC timestamps as sent, converts offsets and zone-less values to UTC Z', () => {
    expect(utcTimestamp('2026-01-05T09:00:00Z')).toBe('2026-01-05T09:00:00Z');
    expect(utcTimestamp('2026-01-05T09:00:00.123456Z')).toBe('2026-01-05T09:00:00.123456Z');
    expect(utcTimestamp('2026-01-05T10:30:00+01:30')).toBe('2026-01-05T09:00:00.000Z');
    expect(utcTimestamp('2026-01-05T09:00:00')).toBe('2026-01-05T09:00:00.000Z');
    expect(utcTimestamp('not a date')).toBe('not a date');
    expect(utcTimestamp(null)).toBeNull();
    expect(utcTimestamp(undefined)).toBeNull();
  });
});

describe('compareKeys', () => {
  it('orders by code units, component by component', () => {
    expect(compareKeys(['a', 'b'], ['a', 'c'])).toBeLessThan(0);
    expect(compareKeys(['B'], ['a'])).toBeLessThan(0);
    expect(compareKeys(['a'], ['a'])).toBe(0);
    expect(compareKeys(['ab'], ['a', 'b'])).toBeGreaterThan(0);
  });
});

describe('rowToObject', () => {
  it('names the cells by column, in column order', () => {
    const object = rowToObject(people, ['1', 'a@x', 't', null, 'ACTIVE', true, 2, null]);
    expect(Object.keys(object)).toEqual(people.columns.map((column) => column.name));
    expect(object.admin).toBe(true);
  });
});
