package io.hopscope.snapshot;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Snapshot settings ({@code hopscope.snapshots.*}).
 *
 * @param interval periodic capture every this long; null (the default) turns it off
 * @param keep keep at most this many snapshots (of those retention applies to), newest first; 0
 *     (the default) keeps all
 * @param maxAge delete snapshots (of those retention applies to) older than this; null (the
 *     default) keeps them
 * @param retentionAppliesTo which snapshots {@code keep} and {@code maxAge} may delete: only the
 *     scheduled captures (the default), or all, including those captured by hand and imported
 * @param maxUpload largest import body accepted (default 50 MiB; 413 beyond)
 * @param maxUnzipped largest a gzip import may unzip to (413 beyond); by default an eighth of the
 *     heap (128 MiB with a 1 GiB heap, more than the 92 MiB a 100,000-pod export unzips to), so
 *     what an export unzips to and the state read from it fit in memory together
 * @param cachedStates how many decoded states stay in memory for queries (default 4)
 */
@ConfigurationProperties("hopscope.snapshots")
public record SnapshotProperties(
    Duration interval,
    int keep,
    Duration maxAge,
    RetentionScope retentionAppliesTo,
    DataSize maxUpload,
    DataSize maxUnzipped,
    int cachedStates) {

  /** Which snapshots retention may delete. */
  public enum RetentionScope {
    /** Only scheduled captures: a snapshot someone captured or imported stays until deleted. */
    SCHEDULE,
    /** Every snapshot, whoever made it. */
    ALL
  }

  /** An eighth of the heap, at least 16 MiB. */
  static DataSize heapShare() {
    return DataSize.ofBytes(Math.max(16L * 1024 * 1024, Runtime.getRuntime().maxMemory() / 8));
  }

  public SnapshotProperties {
    if (interval != null && (interval.isZero() || interval.isNegative())) {
      interval = null;
    }
    if (maxAge != null && (maxAge.isZero() || maxAge.isNegative())) {
      maxAge = null;
    }
    keep = Math.max(0, keep);
    retentionAppliesTo = retentionAppliesTo == null ? RetentionScope.SCHEDULE : retentionAppliesTo;
    maxUpload = maxUpload == null ? DataSize.ofMegabytes(50) : maxUpload;
    maxUnzipped = maxUnzipped == null ? heapShare() : maxUnzipped;
    cachedStates = cachedStates <= 0 ? 4 : cachedStates;
  }
}
