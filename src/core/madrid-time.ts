/**
 * Spanish wall-clock time (`Europe/Madrid`: CET in winter, CEST in summer), the zone the video
 * identity-verification service reads `Fecha` in. Conversions go through `Intl` with the zone's
 * rules, so the daylight-saving changes (last Sunday of March and of October) need no table here.
 */

export const MADRID_TIME_ZONE = 'Europe/Madrid';

const WALL_CLOCK = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?$/;

let partsFormat: Intl.DateTimeFormat | undefined;

/** Madrid's wall-clock reading of an instant, as numbers. */
function madridParts(instant: Date): { year: number; month: number; day: number; hour: number; minute: number; second: number } {
  partsFormat ??= new Intl.DateTimeFormat('en-GB', {
    timeZone: MADRID_TIME_ZONE,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
  const parts: Record<string, number> = {};
  for (const part of partsFormat.formatToParts(instant)) if (part.type !== 'literal') parts[part.type] = Number(part.value);
  return {
    year: parts['year']!,
    month: parts['month']!,
    day: parts['day']!,
    hour: parts['hour']!,
    minute: parts['minute']!,
    second: parts['second']!,
  };
}

const two = (value: number) => String(value).padStart(2, '0');

/** The instant as `YYYY-MM-DD HH:mm` in Madrid (seconds dropped), the service's `Fecha` format. */
export function toMadridTime(instant: Date): string {
  if (Number.isNaN(instant.getTime())) throw new RangeError('toMadridTime: not a valid date.');
  const { year, month, day, hour, minute } = madridParts(instant);
  return `${year}-${two(month)}-${two(day)} ${two(hour)}:${two(minute)}`;
}

/** Madrid's offset from UTC at an instant, in minutes (60 in winter, 120 in summer). */
export function madridOffsetMinutes(instant: Date): number {
  const { year, month, day, hour, minute, second } = madridParts(instant);
  const asUtc = Date.UTC(year, month - 1, day, hour, minute, second);
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
}

/**
 * The instant a Madrid wall-clock time (`YYYY-MM-DD HH:mm[:ss]`) names, or `undefined` when the
 * text is not one. A time the spring change skips (02:00–02:59 on the last Sunday of March) is
 * read as the clocks would show it an hour later; a time the autumn change repeats (02:00–02:59 on
 * the last Sunday of October) as its first, summer-time, occurrence.
 */
export function fromMadridTime(text: string): Date | undefined {
  const match = WALL_CLOCK.exec(text.trim());
  if (!match) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1).map((part) => Number(part ?? 0)) as number[];
  const wall = Date.UTC(year!, month! - 1, day!, hour!, minute!, second!);
  const check = new Date(wall);
  if (check.getUTCMonth() !== month! - 1 || check.getUTCDate() !== day! || hour! > 23 || minute! > 59 || second! > 59) return undefined;
  // Try summer time first (the repeated hour's first occurrence), then winter time.
  for (const offset of [120, 60]) {
    const candidate = new Date(wall - offset * 60_000);
    if (madridOffsetMinutes(candidate) === offset) return candidate;
  }
  // In the skipped hour neither offset reads back: the clocks show it an hour on, in summer time.
  return new Date(wall - 60 * 60_000);
}
