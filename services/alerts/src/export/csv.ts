/**
 * One CSV cell, safe to open in a spreadsheet: a cell that starts with = + - @ tab or CR would be read
 * as a formula (CSV injection), so it gets a leading apostrophe; quotes, commas and newlines are quoted.
 */
export function csvCell(value: unknown): string {
  let text = value === null || value === undefined ? '' : Array.isArray(value) ? value.join(';') : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvRow(values: readonly unknown[]): string {
  return `${values.map(csvCell).join(',')}\r\n`;
}
