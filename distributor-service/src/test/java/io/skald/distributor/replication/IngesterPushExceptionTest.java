package io.skald.distributor.replication;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class IngesterPushExceptionTest {
    static Stream<Arguments> statuses() {
        return Stream.of(
                Arguments.of(
                        Status.INVALID_ARGUMENT.withDescription("entry too far behind"), 400, "entry too far behind"),
                Arguments.of(
                        Status.RESOURCE_EXHAUSTED.withDescription("Maximum active stream limit exceeded"),
                        429,
                        "Maximum active stream limit exceeded"),
                Arguments.of(
                        Status.UNAVAILABLE.withDescription("io exception"),
                        500,
                        "rpc error: code = Unavailable desc = io exception"),
                Arguments.of(
                        Status.DEADLINE_EXCEEDED.withDescription("deadline exceeded after 5s"),
                        500,
                        "rpc error: code = DeadlineExceeded desc = deadline exceeded after 5s"),
                Arguments.of(Status.INTERNAL, 500, "rpc error: code = Internal desc = INTERNAL"));
    }

    @ParameterizedTest
    @MethodSource("statuses")
    void mapsTheIngestersStatusToLokisHttpAnswer(Status status, int httpStatus, String message) {
        IngesterPushException e = IngesterPushException.from("10.0.0.1:9095", status.asRuntimeException());

        assertThat(e.status()).isEqualTo(httpStatus);
        assertThat(e.getMessage()).isEqualTo(message);
        assertThat(e.ingester()).isEqualTo("10.0.0.1:9095");
    }
}
