/**
 * Go standard-library behaviours that leak into LogQL results (number parsing and printing, durations, byte sizes,
 * time layouts), reproduced so that values and error texts match Loki's exactly.
 */
package io.skald.logql.log.golang;
