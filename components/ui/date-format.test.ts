import { describe, expect, it } from "vitest";
import { formatDateTime, formatRecent } from "./date-format";

describe("date format", () => {
  it("writes a date and time one way: short month, day, year, 12-hour time", () => {
    const at = new Date(2026, 0, 5, 15, 4);
    expect(formatDateTime(at)).toBe("Jan 5, 2026, 3:04 PM");
    expect(formatDateTime(at.toISOString())).toBe("Jan 5, 2026, 3:04 PM");
    expect(formatDateTime(at.getTime())).toBe("Jan 5, 2026, 3:04 PM");
  });

  it("says how long ago within a day, then falls back to the same date format", () => {
    const now = new Date(2026, 0, 10, 12, 0).getTime();
    expect(formatRecent(now - 10_000, now)).toBe("just now");
    expect(formatRecent(now - 5 * 60_000, now)).toBe("5 min ago");
    expect(formatRecent(now - 3 * 3_600_000, now)).toBe("3 h ago");
    const older = new Date(2026, 0, 5, 15, 4);
    expect(formatRecent(older.toISOString(), now)).toBe(formatDateTime(older));
  });
});
