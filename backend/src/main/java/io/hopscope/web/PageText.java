package io.hopscope.web;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.springframework.stereotype.Component;

/**
 * Words every page writes the same way, for templates as {@code ${@text...}}: counts with the right
 * plural ("1 pod", "2 pods") and times in one format, {@code 2026-12-02 07:45:00 UTC} (dashboard.js
 * and trace-live.js write live update times the same way).
 */
@Component("text")
public class PageText {

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

  /** {@code 1 pod}, {@code 2 pods}: the singular for exactly one, else the plural. */
  public String count(long count, String one, String many) {
    return count + " " + (count == 1 ? one : many);
  }

  /** The noun alone, as {@link #count} would choose it. */
  public String noun(long count, String one, String many) {
    return count == 1 ? one : many;
  }

  /** An instant as {@code 2026-12-02 07:45:00 UTC}; empty for none. */
  public String time(Instant instant) {
    return instant == null ? "" : TIME.format(instant);
  }

  /** The same, for code outside templates. */
  static String utc(Instant instant) {
    return instant == null ? "" : TIME.format(instant);
  }
}
