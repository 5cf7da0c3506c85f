/**
 * The consistent-hash ring: instance descriptors shared through Hazelcast, the lifecycler that registers an
 * instance, and the reader that picks replicas from a local copy.
 */
package io.skald.ring;
