package io.hopscope.topology;

/**
 * The controller that owns a pod, used to group pods into workloads. A pod without controller owns
 * itself ({@code kind = Pod}).
 */
public record Owner(String kind, String name) {}
