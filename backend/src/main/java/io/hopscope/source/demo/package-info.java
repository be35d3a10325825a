/** The bundled demo clusters, loaded from the classpath through the manifests code path. */
package io.hopscope.source.demo;
