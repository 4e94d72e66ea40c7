export const statuses = [
  "registered",
  "triaged",
  "assigned",
  "in_progress",
  "resolved",
  "callback_done",
  "invalid",
  "closed",
] as const;
export type Status = (typeof statuses)[number];

export function isStatus(value: string): value is Status {
  return (statuses as readonly string[]).includes(value);
}

/** Statuses in which nobody is working the case yet. */
export const unassignedStatuses: readonly Status[] = ["registered", "triaged"];

export const severities = ["general", "complex", "major", "egregious"] as const;
export type Severity = (typeof severities)[number];

export function isSeverity(value: string): value is Severity {
  return (severities as readonly string[]).includes(value);
}

/** One step up the severity ladder, used for repeat complaints (seed 000). */
export function raiseSeverity(severity: Severity): Severity {
  if (severity === "general") return "complex";
  if (severity === "complex") return "major";
  return severity;
}

/** Of a justified complaint: the company at fault, or justified but not the company's fault (seed 001). */
export const faults = ["company", "not-company"] as const;
export type Fault = (typeof faults)[number];

export function isFault(value: string): value is Fault {
  return (faults as readonly string[]).includes(value);
}
