package dev.eventagent.tools.notify;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The stable tag of one effect: the first 32 hex digits of the SHA-256 of the call's idempotency
 * key. It names the effect where the backend can carry it (an e-mail's {@code Message-ID}, a
 * hidden marker in a GitHub comment, Slack message metadata) without revealing the event id.
 */
final class EffectTag {

    private EffectTag() {
    }

    /**
     * The tag of an idempotency key.
     *
     * @param idempotencyKey the call's key
     * @return 32 lower-case hex digits
     */
    static String of(String idempotencyKey) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(idempotencyKey.getBytes(UTF_8));
            return HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
