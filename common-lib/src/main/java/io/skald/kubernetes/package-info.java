/**
 * What Skald does only when it runs in Kubernetes with the chart's switch on: component addresses from the Kubernetes
 * API (Spring Cloud Kubernetes discovery) and runtime overrides applied as soon as their ConfigMap changes.
 */
@NullMarked
package io.skald.kubernetes;

import org.jspecify.annotations.NullMarked;
