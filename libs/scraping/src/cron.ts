/** A parsed five-field cron expression: the allowed values of each field. */
export interface CronSchedule {
  minutes: Set<number>;
  hours: Set<number>;
  daysOfMonth: Set<number>;
  months: Set<number>;
  daysOfWeek: Set<number>;
  /** Vixie cron: when both day fields are restricted, a day matching either runs. */
  dayOr: boolean;
}

const FIELDS = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'] },
  { name: 'day of week', min: 0, max: 7, names: ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] },
] as const;

const MACROS: Record<string, string> = {
  '@hourly': '0 * * * *',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@weekly': '0 0 * * 0',
  '@monthly': '0 0 1 * *',
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
};

function parseField(text: string, index: number): { values: Set<number>; star: boolean } {
  const field = FIELDS[index]!;
  const names: readonly string[] = 'names' in field ? field.names : [];
  const value = (token: string): number => {
    const named = names.indexOf(token.toLowerCase());
    if (named !== -1) return named + (field.min === 1 ? 1 : 0);
    if (!/^\d+$/.test(token)) throw new Error(`${field.name}: "${token}" is not a number`);
    const number = Number(token);
    if (number < field.min || number > field.max) throw new Error(`${field.name}: ${number} is outside ${field.min}-${field.max}`);
    return number;
  };
  const values = new Set<number>();
  for (const part of text.split(',')) {
    const [range = '', stepText] = part.split('/');
    const step = stepText === undefined ? 1 : Number(stepText);
    if (!Number.isInteger(step) || step < 1) throw new Error(`${field.name}: bad step "${stepText}"`);
    let from: number;
    let to: number;
    if (range === '*') [from, to] = [field.min, field.max];
    else if (range.includes('-')) {
      const [a = '', b = ''] = range.split('-');
      [from, to] = [value(a), value(b)];
      if (from > to) throw new Error(`${field.name}: range ${range} runs backwards`);
    } else {
      from = value(range);
      to = stepText === undefined ? from : field.max;
    }
    for (let v = from; v <= to; v += step) values.add(index === 4 && v === 7 ? 0 : v);
  }
  return { values, star: text === '*' || text.startsWith('*/') };
}

/** Parses "m h dom mon dow" (numbers, names, ranges, lists, steps, @daily-style macros). Throws with the reason. */
export function parseCron(expression: string): CronSchedule {
  const trimmed = expression.trim().toLowerCase();
  const fields = (MACROS[trimmed] ?? trimmed).split(/\s+/);
  if (fields.length !== 5) throw new Error(`expected 5 fields, found ${fields.length}`);
  const [minutes, hours, dom, months, dow] = fields.map((f, i) => parseField(f, i)) as [
    ReturnType<typeof parseField>,
    ReturnType<typeof parseField>,
    ReturnType<typeof parseField>,
    ReturnType<typeof parseField>,
    ReturnType<typeof parseField>,
  ];
  return {
    minutes: minutes.values,
    hours: hours.values,
    daysOfMonth: dom.values,
    months: months.values,
    daysOfWeek: dow.values,
    dayOr: !dom.star && !dow.star,
  };
}

/** The first minute strictly after `after` that the schedule matches (UTC). */
export function nextCronTime(schedule: CronSchedule, after: Date): Date {
  const time = new Date(after.getTime());
  time.setUTCSeconds(0, 0);
  time.setUTCMinutes(time.getUTCMinutes() + 1);
  // Four years of minutes covers every valid expression (29 February included); beyond it nothing matches.
  const limit = after.getTime() + 4 * 366 * 86_400_000;
  while (time.getTime() <= limit) {
    if (!schedule.months.has(time.getUTCMonth() + 1)) {
      time.setUTCMonth(time.getUTCMonth() + 1, 1);
      time.setUTCHours(0, 0);
      continue;
    }
    const domMatch = schedule.daysOfMonth.has(time.getUTCDate());
    const dowMatch = schedule.daysOfWeek.has(time.getUTCDay());
    if (!(schedule.dayOr ? domMatch || dowMatch : domMatch && dowMatch)) {
      time.setUTCDate(time.getUTCDate() + 1);
      time.setUTCHours(0, 0);
      continue;
    }
    if (!schedule.hours.has(time.getUTCHours())) {
      time.setUTCHours(time.getUTCHours() + 1, 0);
      continue;
    }
    if (!schedule.minutes.has(time.getUTCMinutes())) {
      time.setUTCMinutes(time.getUTCMinutes() + 1);
      continue;
    }
    return time;
  }
  throw new Error('the cron expression never matches');
}
