package dev.eventagent.tools.postgres;

import dev.eventagent.api.Embedder;
import dev.eventagent.testing.TestingEmbedder;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** A {@link TestingEmbedder} under another name if wanted, counting the texts it embeds. */
final class CountingEmbedder implements Embedder {

    private final String name;
    private final TestingEmbedder delegate;
    private final AtomicInteger texts = new AtomicInteger();

    CountingEmbedder(String name, int dimension) {
        this.name = name;
        this.delegate = new TestingEmbedder(dimension);
    }

    CountingEmbedder(int dimension) {
        this(new TestingEmbedder(dimension).name(), dimension);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int dimension() {
        return delegate.dimension();
    }

    @Override
    public List<float[]> embed(List<String> input, InputType type) {
        texts.addAndGet(input.size());
        return delegate.embed(input, type);
    }

    int embeddedTexts() {
        return texts.get();
    }
}
