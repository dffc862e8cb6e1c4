package dev.eventagent.testing.pinecone;

import static java.util.Objects.requireNonNull;

import com.google.protobuf.Any;
import com.google.rpc.RetryInfo;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.grpc.protobuf.StatusProto;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Checks the {@code api-key} header of every gRPC call (UNAUTHENTICATED otherwise, as Pinecone
 * answers) and answers queued injected failures before the call reaches the index.
 */
final class GrpcGate implements ServerInterceptor {

    private static final Metadata.Key<String> API_KEY = Metadata.Key.of("api-key", Metadata.ASCII_STRING_MARSHALLER);

    private final String apiKey;
    private final String index;
    private final InjectedFaults faults;
    private final Consumer<RecordedRequest> recorder;

    GrpcGate(String apiKey, String index, InjectedFaults faults, Consumer<RecordedRequest> recorder) {
        this.apiKey = requireNonNull(apiKey, "apiKey is null");
        this.index = requireNonNull(index, "index is null");
        this.faults = requireNonNull(faults, "faults is null");
        this.recorder = requireNonNull(recorder, "recorder is null");
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
            ServerCallHandler<Q, R> next) {
        String operation = call.getMethodDescriptor().getBareMethodName();
        if (!apiKey.equals(headers.get(API_KEY))) {
            recorder.accept(new RecordedRequest(operation, index, "", 0, "", Status.Code.UNAUTHENTICATED.name()));
            call.close(Status.UNAUTHENTICATED.withDescription("Invalid API key"), new Metadata());
            return new ServerCall.Listener<>() {
            };
        }
        Optional<InjectedFaults.GrpcFault> fault = faults.nextGrpc();
        if (fault.isPresent()) {
            InjectedFaults.GrpcFault failure = fault.get();
            recorder.accept(new RecordedRequest(operation, index, "", 0, "injected", failure.code().name()));
            com.google.rpc.Status.Builder status = com.google.rpc.Status.newBuilder()
                    .setCode(failure.code().value())
                    .setMessage("injected failure: " + failure.code());
            if (failure.retryAfter() != null) {
                status.addDetails(Any.pack(RetryInfo.newBuilder()
                        .setRetryDelay(com.google.protobuf.Duration.newBuilder()
                                .setSeconds(failure.retryAfter().getSeconds())
                                .setNanos(failure.retryAfter().getNano()))
                        .build()));
            }
            io.grpc.StatusRuntimeException exception = StatusProto.toStatusRuntimeException(status.build());
            Metadata trailers = exception.getTrailers();
            call.close(exception.getStatus(), trailers == null ? new Metadata() : trailers);
            return new ServerCall.Listener<>() {
            };
        }
        return next.startCall(call, headers);
    }
}
