package dev.eventagent.tools.pinecone;

import static java.util.Objects.requireNonNull;

import com.google.protobuf.Struct;
import dev.eventagent.api.PermanentToolException;
import dev.eventagent.api.TransientToolException;
import io.grpc.Context;
import io.grpc.StatusRuntimeException;
import io.pinecone.clients.Index;
import io.pinecone.exceptions.PineconeException;
import io.pinecone.proto.DescribeIndexStatsResponse;
import io.pinecone.proto.Vector;
import io.pinecone.unsigned_indices_model.ScoredVectorWithUnsignedIndices;
import io.pinecone.unsigned_indices_model.VectorWithUnsignedIndices;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The plugin's one data-plane connection to its index (the client's {@link Index} over one gRPC
 * channel), with every request bounded by the call's deadline and {@code request-timeout}, and
 * failures mapped by {@link PineconeFailures}.
 *
 * @param index the client's index connection
 * @param name the index name
 * @param host the data-plane host
 * @param dimension the index's dimension
 * @param metric the index's metric
 * @param requestTimeout the longest one request may take
 * @param deadlines the scheduler that cancels requests at their deadline
 * @param clock the clock deadlines are measured with
 */
record PineconeIndex(Index index, String name, String host, int dimension, String metric,
        Duration requestTimeout, ScheduledExecutorService deadlines, Clock clock) implements AutoCloseable {

    /** Validates the fields. */
    PineconeIndex {
        requireNonNull(index, "index is null");
        requireNonNull(name, "name is null");
        requireNonNull(host, "host is null");
        requireNonNull(metric, "metric is null");
        requireNonNull(requestTimeout, "requestTimeout is null");
        requireNonNull(deadlines, "deadlines is null");
        requireNonNull(clock, "clock is null");
    }

    void upsert(String namespace, List<VectorWithUnsignedIndices> vectors, Instant deadline) {
        call("upsert " + vectors.size() + " vector(s) into namespace " + namespace + " of index " + name, deadline,
                () -> index.upsert(vectors, namespace));
    }

    List<ScoredVectorWithUnsignedIndices> query(String namespace, List<Float> vector, int topK, Struct filter,
            Instant deadline) {
        return call("query namespace " + namespace + " of index " + name, deadline,
                () -> index.query(topK, vector, null, null, null, namespace, filter, false, true).getMatchesList());
    }

    Map<String, Vector> fetch(String namespace, List<String> ids, Instant deadline) {
        return call("fetch from namespace " + namespace + " of index " + name, deadline,
                () -> index.fetch(ids, namespace).getVectorsMap());
    }

    void delete(String namespace, List<String> ids, Instant deadline) {
        call("delete from namespace " + namespace + " of index " + name, deadline,
                () -> index.deleteByIds(ids, namespace));
    }

    DescribeIndexStatsResponse stats(Instant deadline) {
        return call("describe the stats of index " + name, deadline, index::describeIndexStats);
    }

    private <T> T call(String what, Instant deadline, Supplier<T> request) {
        long nanos = Math.min(requestTimeout.toNanos(), Duration.between(clock.instant(), deadline).toNanos());
        if (nanos <= 0) {
            throw new TransientToolException("no time left to " + what + ": the call's deadline has passed", null);
        }
        Context.CancellableContext bounded = Context.current().withDeadlineAfter(nanos, TimeUnit.NANOSECONDS,
                deadlines);
        Context previous = bounded.attach();
        try {
            return request.get();
        } catch (StatusRuntimeException e) {
            throw PineconeFailures.grpc(what, e);
        } catch (PineconeException e) {
            throw new PermanentToolException("the Pinecone client refused to " + what + ": " + e.getMessage(), e);
        } finally {
            bounded.detach(previous);
            bounded.cancel(null);
        }
    }

    /** Closes the gRPC channel. */
    @Override
    public void close() {
        index.close();
    }
}
