/**
 * How snapshots are stored: the H2 database, its schema and the JSON (gzip) form of a state and of
 * an export. Used by the snapshot feature only.
 */
package io.hopscope.snapshot.internal;
