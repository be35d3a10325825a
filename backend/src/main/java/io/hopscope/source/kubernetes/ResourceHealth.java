package io.hopscope.source.kubernetes;

/**
 * The state of one list-and-watch.
 *
 * @param synced a list completed at least once (there is data to serve)
 * @param watching the watch is open now
 * @param forbidden the API server answered 403 to the last attempt
 * @param lastError the last error seen while not watching, or empty
 */
record ResourceHealth(
    WatchedResource resource,
    boolean synced,
    boolean watching,
    boolean forbidden,
    String lastError) {

  boolean ok() {
    return watching;
  }
}
