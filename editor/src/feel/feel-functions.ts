/**
 * FEEL built-in functions for completion and hover: name, signature and one
 * sentence of help. The runtime does not export its built-in table yet, so
 * this lists the DMN standard functions people use most (see the report).
 */
export interface FeelFunctionDoc {
  name: string;
  signature: string;
  doc: string;
}

const f = (name: string, params: string, doc: string): FeelFunctionDoc => ({
  name,
  signature: `${name}(${params})`,
  doc,
});

export const feelFunctions: FeelFunctionDoc[] = [
  f('abs', 'n', 'The absolute value of a number or duration.'),
  f('ceiling', 'n, scale?', 'Rounds up to the given number of decimals.'),
  f('floor', 'n, scale?', 'Rounds down to the given number of decimals.'),
  f('round half up', 'n, scale', 'Rounds to the given number of decimals, halves away from zero.'),
  f('decimal', 'n, scale', 'Rounds to the given number of decimals, halves to even (banker’s rounding).'),
  f('min', 'list', 'The smallest item of a list (or of the arguments).'),
  f('max', 'list', 'The largest item of a list (or of the arguments).'),
  f('sum', 'list', 'The sum of a list of numbers.'),
  f('mean', 'list', 'The average of a list of numbers.'),
  f('count', 'list', 'How many items a list has.'),
  f('modulo', 'dividend, divisor', 'The remainder of a division, with the sign of the divisor.'),
  f('number', 'from, grouping separator?, decimal separator?', 'Reads a number from text.'),
  f('string', 'from', 'Turns any value into text.'),
  f('string length', 'string', 'The number of characters in a text.'),
  f('substring', 'string, start position, length?', 'Part of a text; positions start at 1.'),
  f('upper case', 'string', 'The text in capital letters.'),
  f('lower case', 'string', 'The text in small letters.'),
  f('contains', 'string, match', 'Whether the text contains the other text.'),
  f('starts with', 'string, match', 'Whether the text starts with the other text.'),
  f('ends with', 'string, match', 'Whether the text ends with the other text.'),
  f('matches', 'input, pattern, flags?', 'Whether the text matches a regular expression.'),
  f('replace', 'input, pattern, replacement, flags?', 'Replaces every match of a regular expression.'),
  f('split', 'string, delimiter', 'Splits a text into a list at each match of the delimiter.'),
  f('string join', 'list, delimiter?', 'Joins a list of texts into one.'),
  f('list contains', 'list, element', 'Whether the list contains the element.'),
  f('append', 'list, item...', 'The list with items added at the end.'),
  f('concatenate', 'list...', 'The lists joined into one.'),
  f('distinct values', 'list', 'The list without repeated values.'),
  f('flatten', 'list', 'Nested lists made into one flat list.'),
  f('sort', 'list, precedes?', 'The list sorted (optionally by a comparison function).'),
  f('index of', 'list, match', 'The positions (from 1) where the item occurs.'),
  f('sublist', 'list, start position, length?', 'Part of a list; positions start at 1.'),
  f('all', 'list', 'True when every item is true.'),
  f('any', 'list', 'True when at least one item is true.'),
  f('not', 'negand', 'The opposite of a boolean.'),
  f('is defined', 'value', 'Whether a value exists (is not missing).'),
  f('get value', 'context, key', 'The value of a key in a context.'),
  f('date', 'from', 'A date from text (YYYY-MM-DD) or from year, month, day.'),
  f('date and time', 'from', 'A date and time from text (ISO 8601).'),
  f('time', 'from', 'A time of day from text (hh:mm:ss).'),
  f('duration', 'from', 'A duration from ISO text, e.g. duration("P3D") is 3 days.'),
  f('years and months duration', 'from, to', 'The years and months between two dates.'),
  f('now', '', 'The current date and time (in a run: the time of the event being processed).'),
  f('today', '', 'The current date (in a run: the date of the event being processed).'),
  f('day of week', 'date', 'The weekday name of a date, e.g. "Monday".'),
  f('month of year', 'date', 'The month name of a date, e.g. "January".'),
];
