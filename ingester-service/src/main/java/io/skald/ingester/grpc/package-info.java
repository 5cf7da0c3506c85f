/** The ingester's gRPC services: {@code Pusher} for distributors, {@code IngesterQuerier} for queriers. */
package io.skald.ingester.grpc;
