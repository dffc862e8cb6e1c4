package dev.eventagent.testing.llm;

/** The deterministic token estimate behind every {@code usage} object: characters / 4, rounded up. */
final class Tokens {

    private Tokens() {}

    /**
     * Estimates the tokens of a text.
     *
     * @param chars the number of characters
     * @return {@code ceil(chars / 4)}
     */
    static int estimate(long chars) {
        return (int) ((chars + 3) / 4);
    }
}
