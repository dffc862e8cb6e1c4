package dev.eventagent.tools.pinecone;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.net.URI;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Sends every request of the client's OkHttp client to {@code api-url} (scheme, host and port
 * replaced, path kept). The client's Inference API and, once a custom OkHttp client is given, its
 * control plane ignore {@code Pinecone.Builder.withHost}, so this is how both reach a proxy or
 * the testing server.
 */
final class ApiUrlInterceptor implements Interceptor {

    private final HttpUrl base;

    ApiUrlInterceptor(URI apiUrl) {
        this.base = requireNonNull(HttpUrl.get(apiUrl.toString()), "apiUrl is null");
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Request request = chain.request();
        HttpUrl url = request.url().newBuilder()
                .scheme(base.scheme())
                .host(base.host())
                .port(base.port())
                .build();
        return chain.proceed(request.newBuilder().url(url).build());
    }
}
