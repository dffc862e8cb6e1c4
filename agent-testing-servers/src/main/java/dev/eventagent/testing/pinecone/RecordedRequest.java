package dev.eventagent.testing.pinecone;

import static java.util.Objects.requireNonNull;

/**
 * One request the testing server received, in arrival order.
 *
 * @param operation the gRPC method ({@code Upsert}, {@code Query}, {@code Delete}, {@code Fetch},
 *     {@code DescribeIndexStats}, …) or the HTTP call ({@code describe_index}, {@code create_index},
 *     {@code list_indexes}, {@code embed})
 * @param index the index it addressed, or {@code ""} for calls that address none (embed)
 * @param namespace the namespace, or {@code ""}
 * @param items how many vectors, ids or inputs it carried
 * @param detail what else a test may want: the {@code input_type} of an embed call, the filter
 *     of a query as JSON, or {@code ""}
 * @param outcome {@code ok}, or the injected or protocol failure it was answered with (a gRPC
 *     status code name such as {@code UNAVAILABLE}, or an HTTP status such as {@code 429})
 */
public record RecordedRequest(String operation, String index, String namespace, int items, String detail,
        String outcome) {

    /** Validates the fields. */
    public RecordedRequest {
        requireNonNull(operation, "operation is null");
        requireNonNull(index, "index is null");
        requireNonNull(namespace, "namespace is null");
        requireNonNull(detail, "detail is null");
        requireNonNull(outcome, "outcome is null");
    }

    /**
     * Whether it was answered without failure.
     *
     * @return true for {@code ok}
     */
    public boolean ok() {
        return outcome.equals("ok");
    }
}
