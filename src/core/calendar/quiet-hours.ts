/** The part of the business calendar delivery timing needs. */
export interface WorkingHours {
  nextWorkingTime(instant: Date): Date;
}

/**
 * When a nudge (reminder, overdue chase, escalation) may be delivered.
 * Non-urgent ones wait for working hours so nobody is chased at 03:00 or on a
 * holiday for a clock that is not running anyway; urgent ones — a major
 * complaint, reported to leadership at once (001) — go out immediately.
 */
export function nextDeliveryTime(calendar: WorkingHours, instant: Date, urgent: boolean): Date {
  return urgent ? new Date(instant.getTime()) : calendar.nextWorkingTime(instant);
}
