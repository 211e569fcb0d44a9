// Go strconv as pflag uses it for bool and int flag values.
import { describe, expect, it } from 'vitest';
import { goQuote, parseGoBool, parseGoInt64 } from './go-strconv.js';

describe('parseGoBool (strconv.ParseBool)', () => {
  it.each([
    { s: '1', want: { value: true } },
    { s: 't', want: { value: true } },
    { s: 'TRUE', want: { value: true } },
    { s: 'True', want: { value: true } },
    { s: '0', want: { value: false } },
    { s: 'F', want: { value: false } },
    { s: 'False', want: { value: false } },
    { s: 'yes', want: { error: 'strconv.ParseBool: parsing "yes": invalid syntax' } },
    { s: 'tRUE', want: { error: 'strconv.ParseBool: parsing "tRUE": invalid syntax' } },
    { s: '', want: { error: 'strconv.ParseBool: parsing "": invalid syntax' } },
  ])('$s', ({ s, want }) => {
    expect(parseGoBool(s)).toStrictEqual(want);
  });
});

describe('parseGoInt64 (strconv.ParseInt(s, 0, 64))', () => {
  it.each([
    { s: '42', want: { value: 42 } },
    { s: '-7', want: { value: -7 } },
    { s: '+7', want: { value: 7 } },
    { s: '0', want: { value: 0 } },
    { s: '0x10', want: { value: 16 } },
    { s: '0X1f', want: { value: 31 } },
    { s: '0o17', want: { value: 15 } },
    { s: '017', want: { value: 15 } },
    { s: '0b101', want: { value: 5 } },
    { s: '1_000', want: { value: 1000 } },
    { s: '0x_ff', want: { value: 255 } },
    { s: '0_7', want: { value: 7 } },
    { s: '9223372036854775807', want: { value: 9223372036854775807 } },
    { s: '-9223372036854775808', want: { value: -9223372036854775808 } },
    { s: 'abc', want: { error: 'strconv.ParseInt: parsing "abc": invalid syntax' } },
    { s: '', want: { error: 'strconv.ParseInt: parsing "": invalid syntax' } },
    { s: '-', want: { error: 'strconv.ParseInt: parsing "-": invalid syntax' } },
    { s: '1.5', want: { error: 'strconv.ParseInt: parsing "1.5": invalid syntax' } },
    { s: '08', want: { error: 'strconv.ParseInt: parsing "08": invalid syntax' } },
    { s: '0x', want: { error: 'strconv.ParseInt: parsing "0x": invalid syntax' } },
    { s: '1__0', want: { error: 'strconv.ParseInt: parsing "1__0": invalid syntax' } },
    { s: '_1', want: { error: 'strconv.ParseInt: parsing "_1": invalid syntax' } },
    { s: '1_', want: { error: 'strconv.ParseInt: parsing "1_": invalid syntax' } },
    { s: '9223372036854775808', want: { error: 'strconv.ParseInt: parsing "9223372036854775808": value out of range' } },
    { s: '99999999999999999999', want: { error: 'strconv.ParseInt: parsing "99999999999999999999": value out of range' } },
  ])('$s', ({ s, want }) => {
    expect(parseGoInt64(s)).toStrictEqual(want);
  });
});

describe('goQuote (strconv.Quote)', () => {
  it.each([
    { s: 'x', want: '"x"' },
    { s: 'a"b', want: '"a\\"b"' },
    { s: 'a\nb', want: '"a\\nb"' },
    { s: '\x01', want: '"\\x01"' },
    { s: 'é', want: '"é"' },
  ])('$s', ({ s, want }) => {
    expect(goQuote(s)).toBe(want);
  });
});
