/**
 * Hopscope: the application entry point. Each subpackage is one feature; docs/architecture.md maps
 * them and the rules between them (checked by ArchitectureTest).
 */
package io.hopscope;
