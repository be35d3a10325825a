/**
 * Mermaid diagrams of topologies, paths and policy decisions. All escaping for Mermaid lives here.
 */
package io.hopscope.diagram;
