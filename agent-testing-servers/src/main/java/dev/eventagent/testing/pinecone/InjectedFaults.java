package dev.eventagent.testing.pinecone;

import io.grpc.Status;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/** Failures queued for the next calls, per protocol, taken in order. */
final class InjectedFaults {

    /**
     * A gRPC failure.
     *
     * @param code the status code answered
     * @param retryAfter the delay sent as a {@code google.rpc.RetryInfo} detail, or {@code null}
     */
    record GrpcFault(Status.Code code, Duration retryAfter) {
    }

    /**
     * An HTTP failure.
     *
     * @param status the status answered
     * @param retryAfter the delay sent as {@code Retry-After} (whole seconds), or {@code null}
     */
    record HttpFault(int status, Duration retryAfter) {
    }

    private final Deque<GrpcFault> grpc = new ArrayDeque<>();
    private final Deque<HttpFault> http = new ArrayDeque<>();

    synchronized void addGrpc(int count, GrpcFault fault) {
        for (int i = 0; i < count; i++) {
            grpc.add(fault);
        }
    }

    synchronized void addHttp(int count, HttpFault fault) {
        for (int i = 0; i < count; i++) {
            http.add(fault);
        }
    }

    synchronized Optional<GrpcFault> nextGrpc() {
        return Optional.ofNullable(grpc.poll());
    }

    synchronized Optional<HttpFault> nextHttp() {
        return Optional.ofNullable(http.poll());
    }

    synchronized void clear() {
        grpc.clear();
        http.clear();
    }
}
