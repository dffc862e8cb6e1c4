package dev.eventagent.testing.pinecone;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.pinecone.proto.DeleteRequest;
import io.pinecone.proto.DeleteResponse;
import io.pinecone.proto.DescribeIndexStatsRequest;
import io.pinecone.proto.DescribeIndexStatsResponse;
import io.pinecone.proto.FetchRequest;
import io.pinecone.proto.FetchResponse;
import io.pinecone.proto.NamespaceSummary;
import io.pinecone.proto.QueryRequest;
import io.pinecone.proto.QueryResponse;
import io.pinecone.proto.ScoredVector;
import io.pinecone.proto.UpsertRequest;
import io.pinecone.proto.UpsertResponse;
import io.pinecone.proto.Usage;
import io.pinecone.proto.Vector;
import io.pinecone.proto.VectorServiceGrpc;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Pinecone's data plane ({@code VectorService}) over one {@link VectorIndex}: upsert, query
 * (cosine, metadata filters), fetch, delete and describe-index-stats. Other methods answer
 * UNIMPLEMENTED. A request that breaks Pinecone's limits is answered INVALID_ARGUMENT.
 */
final class TestingVectorService extends VectorServiceGrpc.VectorServiceImplBase {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final VectorIndex index;
    private final Consumer<RecordedRequest> recorder;

    TestingVectorService(VectorIndex index, Consumer<RecordedRequest> recorder) {
        this.index = requireNonNull(index, "index is null");
        this.recorder = requireNonNull(recorder, "recorder is null");
    }

    @Override
    public void upsert(UpsertRequest request, StreamObserver<UpsertResponse> response) {
        serve("Upsert", request.getNamespace(), request.getVectorsCount(), "", response, () -> {
            List<StoredVector> vectors = new ArrayList<>();
            for (Vector vector : request.getVectorsList()) {
                vectors.add(new StoredVector(vector.getId(), floats(vector.getValuesList()),
                        StructValues.toMap(vector.getMetadata())));
            }
            index.upsert(request.getNamespace(), vectors);
            return UpsertResponse.newBuilder().setUpsertedCount(vectors.size()).build();
        });
    }

    @Override
    public void query(QueryRequest request, StreamObserver<QueryResponse> response) {
        Map<String, Object> filter = StructValues.toMap(request.getFilter());
        serve("Query", request.getNamespace(), 1, json(filter), response, () -> {
            float[] vector;
            if (!request.getId().isEmpty()) {
                vector = index.fetch(request.getNamespace(), request.getId())
                        .orElseThrow(() -> new IllegalArgumentException("no vector with id " + request.getId()))
                        .values();
            } else {
                vector = floats(request.getVectorList());
            }
            QueryResponse.Builder answer = QueryResponse.newBuilder().setNamespace(request.getNamespace());
            for (VectorIndex.Scored scored : index.query(request.getNamespace(), vector, request.getTopK(), filter)) {
                ScoredVector.Builder match = ScoredVector.newBuilder()
                        .setId(scored.vector().id())
                        .setScore(scored.score());
                if (request.getIncludeValues()) {
                    for (float value : scored.vector().values()) {
                        match.addValues(value);
                    }
                }
                if (request.getIncludeMetadata()) {
                    match.setMetadata(StructValues.toStruct(scored.vector().metadata()));
                }
                answer.addMatches(match);
            }
            return answer.setUsage(Usage.newBuilder().setReadUnits(1)).build();
        });
    }

    @Override
    public void fetch(FetchRequest request, StreamObserver<FetchResponse> response) {
        serve("Fetch", request.getNamespace(), request.getIdsCount(), "", response, () -> {
            FetchResponse.Builder answer = FetchResponse.newBuilder().setNamespace(request.getNamespace());
            for (String id : request.getIdsList()) {
                index.fetch(request.getNamespace(), id).ifPresent(vector -> {
                    Vector.Builder stored = Vector.newBuilder().setId(vector.id())
                            .setMetadata(StructValues.toStruct(vector.metadata()));
                    for (float value : vector.values()) {
                        stored.addValues(value);
                    }
                    answer.putVectors(id, stored.build());
                });
            }
            return answer.setUsage(Usage.newBuilder().setReadUnits(1)).build();
        });
    }

    @Override
    public void delete(DeleteRequest request, StreamObserver<DeleteResponse> response) {
        Map<String, Object> filter = StructValues.toMap(request.getFilter());
        serve("Delete", request.getNamespace(), request.getIdsCount(), json(filter), response, () -> {
            index.delete(request.getNamespace(), request.getIdsList(), request.getDeleteAll(), filter);
            return DeleteResponse.getDefaultInstance();
        });
    }

    @Override
    public void describeIndexStats(DescribeIndexStatsRequest request,
            StreamObserver<DescribeIndexStatsResponse> response) {
        serve("DescribeIndexStats", "", 0, "", response, () -> {
            DescribeIndexStatsResponse.Builder answer = DescribeIndexStatsResponse.newBuilder()
                    .setDimension(index.dimension())
                    .setMetric("cosine")
                    .setVectorType("dense");
            int total = 0;
            for (Map.Entry<String, Integer> count : index.counts().entrySet()) {
                answer.putNamespaces(count.getKey(), NamespaceSummary.newBuilder().setVectorCount(count.getValue())
                        .build());
                total += count.getValue();
            }
            return answer.setTotalVectorCount(total).build();
        });
    }

    private <T> void serve(String operation, String namespace, int items, String detail,
            StreamObserver<T> response, Supplier<T> work) {
        T answer;
        try {
            answer = work.get();
        } catch (IllegalArgumentException e) {
            recorder.accept(new RecordedRequest(operation, index.name(), namespace, items, detail,
                    Status.Code.INVALID_ARGUMENT.name()));
            response.onError(Status.INVALID_ARGUMENT.withDescription(e.getMessage()).asRuntimeException());
            return;
        }
        recorder.accept(new RecordedRequest(operation, index.name(), namespace, items, detail, "ok"));
        response.onNext(answer);
        response.onCompleted();
    }

    private static float[] floats(List<Float> values) {
        float[] floats = new float[values.size()];
        for (int i = 0; i < floats.length; i++) {
            floats[i] = values.get(i);
        }
        return floats;
    }

    private static String json(Map<String, Object> value) {
        if (value.isEmpty()) {
            return "";
        }
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            return String.valueOf(value);
        }
    }
}
