/**
 * Query results as plain protobuf rows ({@code query_result.proto}): one message per entry or point, the
 * straightforward encoding the Arrow IPC encoding in {@code io.skald.logql.result.arrow} is measured against.
 */
package io.skald.logql.result.protobuf;
