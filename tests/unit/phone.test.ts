import { describe, expect, it } from 'vitest';
import { normalizePhone } from '../../src/shared/phone.js';

describe('normalizePhone', () => {
  it.each([
    ['4155550100', '+14155550100'],
    ['(415) 555-0100', '+14155550100'],
    ['415.555.0100', '+14155550100'],
    ['1 415 555 0100', '+14155550100'],
    ['+44 20 7946 0958', '+442079460958'],
    ['+15005550006', '+15005550006'],
  ])('reads %s as %s', (input, expected) => expect(normalizePhone(input)).toBe(expected));

  it.each(['', 'abc', '12345', '+0123456789', '555-0100', '+1234567890123456', '4155550100x12'])('refuses %j', (input) =>
    expect(normalizePhone(input)).toBeNull(),
  );
});
