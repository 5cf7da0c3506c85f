/** Label sets: the identity of a log stream and of a metric series. */
package io.skald.labels;
