/**
 * Where cluster states come from: demo clusters, manifests, a live cluster. Edges of the
 * application.
 */
package io.hopscope.source;
