/** The push path shared by distributors: decoding Loki push bodies, stream label parsing and validation. */
package io.skald.push;
