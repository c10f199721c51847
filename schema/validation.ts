import { ValidateBy, type ValidationOptions } from 'class-validator';

/** ISO-4217 codes this Node knows (its ICU data): a currency outside them cannot be shown or refunded. */
const CURRENCIES: ReadonlySet<string> = new Set(Intl.supportedValuesOf('currency'));

/**
 * Text of `min` to `max` characters, counted in Unicode code points (an emoji or a rare 汉字 is
 * one, not two), and well formed: a lone surrogate (half an emoji, which JSON can carry but no
 * database stores faithfully) is refused.
 */
export function Text(min: number, max: number, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'text',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && isWellFormed(value) && between([...value].length, min, max),
        defaultMessage: (args) => {
          const value = args?.value;
          if (typeof value === 'string' && !isWellFormed(value)) return `${args?.property} contains a lone surrogate: send valid Unicode`;
          return `${args?.property} must be from ${min} to ${max} characters long`;
        },
      },
    },
    options,
  );
}

/** A currency code ISO 4217 lists, such as CNY. */
export function IsKnownCurrency(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'knownCurrency',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && CURRENCIES.has(value),
        defaultMessage: (args) => `${args?.property} must be an ISO-4217 currency code such as CNY`,
      },
    },
    options,
  );
}

/** An absolute http(s) URL of at most `max` characters. */
export function IsHttpUrl(max: number, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'httpUrl',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && value.length <= max && isHttpUrl(value),
        defaultMessage: (args) => `${args?.property} must be an http or https URL of at most ${max} characters`,
      },
    },
    options,
  );
}

function isHttpUrl(value: string): boolean {
  if (!URL.canParse(value)) return false;
  const { protocol, hostname } = new URL(value);
  return (protocol === 'https:' || protocol === 'http:') && hostname !== '';
}

/** A UTF-16 surrogate standing alone (with the u flag, a proper pair reads as one code point and does not match). */
const LONE_SURROGATE = /\p{Cs}/u;

function isWellFormed(value: string): boolean {
  return !LONE_SURROGATE.test(value);
}

function between(length: number, min: number, max: number): boolean {
  return length >= min && length <= max;
}
