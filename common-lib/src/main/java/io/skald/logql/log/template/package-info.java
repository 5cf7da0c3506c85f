/**
 * A Go {@code text/template} engine for {@code line_format} and {@code label_format}: the template syntax (actions,
 * pipelines, {@code if/else/with/range}, variables), Go's builtins and the Sprig and Loki functions Loki registers,
 * with Go's value semantics, number printing and error texts.
 */
package io.skald.logql.log.template;
