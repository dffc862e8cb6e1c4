package dev.eventagent.tools.pinecone;

import com.google.rpc.RetryInfo;
import dev.eventagent.api.PermanentToolException;
import dev.eventagent.api.ToolException;
import dev.eventagent.api.TransientToolException;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.pinecone.exceptions.PineconeException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Maps what the Pinecone client throws to the SPI's categories: unreachable, throttled (429,
 * {@code RESOURCE_EXHAUSTED}), unavailable and 5xx are transient, with the server's retry hint
 * when it sent one; refused requests (400, {@code INVALID_ARGUMENT}), authentication and
 * permission failures and missing resources are permanent.
 */
final class PineconeFailures {

    private PineconeFailures() {
    }

    /**
     * A data-plane (gRPC) failure.
     *
     * @param what what was being done, e.g. "upsert into namespace issues"
     * @param e the failure
     * @return the exception to throw
     */
    static ToolException grpc(String what, StatusRuntimeException e) {
        Status.Code code = e.getStatus().getCode();
        String reason = code + (e.getStatus().getDescription() == null ? "" : ": " + e.getStatus().getDescription());
        return switch (code) {
            case UNAVAILABLE, RESOURCE_EXHAUSTED, DEADLINE_EXCEEDED, ABORTED, INTERNAL, UNKNOWN, CANCELLED ->
                    new TransientToolException("Pinecone could not " + what + " (" + reason + "); it may pass on retry",
                            e, retryInfo(e));
            case UNAUTHENTICATED, PERMISSION_DENIED -> new PermanentToolException("Pinecone refused to " + what
                    + " (" + reason + "): check agent.plugins.pinecone.api-key (PINECONE_API_KEY)", e);
            default -> new PermanentToolException("Pinecone refused to " + what + " (" + reason + ")", e);
        };
    }

    private static Duration retryInfo(StatusRuntimeException e) {
        try {
            com.google.rpc.Status status = StatusProto.fromThrowable(e);
            if (status != null) {
                for (com.google.protobuf.Any detail : status.getDetailsList()) {
                    if (detail.is(RetryInfo.class)) {
                        com.google.protobuf.Duration delay = detail.unpack(RetryInfo.class).getRetryDelay();
                        return Duration.ofSeconds(delay.getSeconds(), delay.getNanos());
                    }
                }
            }
        } catch (com.google.protobuf.InvalidProtocolBufferException | RuntimeException ignored) {
            // a malformed detail is no hint
        }
        return null;
    }

    /**
     * A failure of the control plane (describe or create index), whose cause carries the status.
     *
     * @param what what was being done
     * @param e the failure
     * @return the exception to throw
     */
    static ToolException controlPlane(String what, PineconeException e) {
        if (e.getCause() instanceof org.openapitools.db_control.client.ApiException api) {
            return http(what, api.getCode(), api.getResponseHeaders(), api.getResponseBody(), e);
        }
        return new PermanentToolException("Pinecone could not " + what + ": " + e.getMessage(), e);
    }

    /**
     * A failure of the Inference API.
     *
     * @param what what was being done
     * @param e the failure
     * @return the exception to throw
     */
    static ToolException inference(String what, org.openapitools.inference.client.ApiException e) {
        return http(what, e.getCode(), e.getResponseHeaders(), e.getResponseBody(), e);
    }

    /**
     * The status of a control-plane failure.
     *
     * @param e the failure
     * @return the HTTP status, or 0 when no response arrived
     */
    static int status(PineconeException e) {
        return e.getCause() instanceof org.openapitools.db_control.client.ApiException api ? api.getCode() : -1;
    }

    private static ToolException http(String what, int status, Map<String, List<String>> headers, String body,
            Exception e) {
        String detail = body == null || body.isBlank() ? "" : ": " + abbreviate(body);
        if (status == 0) {
            String cause = e.getCause() == null ? e.getMessage() : e.getCause().toString();
            return new TransientToolException("Pinecone could not " + what + ": no answer (" + cause + ")", e);
        }
        if (status == 429 || status >= 500) {
            return new TransientToolException("Pinecone could not " + what + ": HTTP " + status + detail, e,
                    retryAfter(headers));
        }
        if (status == 401 || status == 403) {
            return new PermanentToolException("Pinecone refused to " + what + ": HTTP " + status + detail
                    + "; check agent.plugins.pinecone.api-key (PINECONE_API_KEY)", e);
        }
        return new PermanentToolException("Pinecone refused to " + what + ": HTTP " + status + detail, e);
    }

    private static Duration retryAfter(Map<String, List<String>> headers) {
        if (headers == null) {
            return null;
        }
        for (Map.Entry<String, List<String>> header : headers.entrySet()) {
            if ("retry-after".equalsIgnoreCase(header.getKey()) && !header.getValue().isEmpty()) {
                try {
                    long seconds = Long.parseLong(header.getValue().get(0).trim());
                    return seconds >= 0 ? Duration.ofSeconds(seconds) : null;
                } catch (NumberFormatException ignored) {
                    return null; // an HTTP date: no hint we use
                }
            }
        }
        return null;
    }

    private static String abbreviate(String text) {
        String flat = text.replaceAll("\\s+", " ").trim();
        return flat.length() <= 300 ? flat : flat.substring(0, 300) + "…";
    }
}
