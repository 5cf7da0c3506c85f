/** The ingester's HTTP admin endpoints. */
package io.skald.ingester.http;
