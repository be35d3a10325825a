/**
 * The tracer's machinery: per-CNI datapath models, the Service proxy model, device naming and the
 * per-request walk.
 */
package io.hopscope.trace.internal;
