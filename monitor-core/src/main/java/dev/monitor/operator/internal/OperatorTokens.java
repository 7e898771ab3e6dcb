package dev.monitor.operator.internal;

import dev.monitor.config.internal.BearerTokens;
import dev.monitor.operator.OperatorAuthorizer;
import dev.monitor.operator.OperatorIdentity;
import dev.monitor.operator.OperatorRequest;
import java.security.MessageDigest;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The default {@link OperatorAuthorizer}: bearer tokens, each kept only as its SHA-256 digest with the identity it
 * opens. A presented token is hashed once and compared with {@link MessageDigest#isEqual} against every digest, all
 * of them every time, so neither which token matched nor how many there are shows in the time an answer takes.
 */
public final class OperatorTokens implements OperatorAuthorizer {

    /** A token's digest and who it stands for. */
    public record Entry(byte[] digest, OperatorIdentity identity) {
    }

    private final List<Entry> entries;

    /** Tokens as digests with their identities; none refuses everything. */
    public OperatorTokens(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /** A token entry for {@code identity}; the token is checked by {@link BearerTokens#requireToken}. */
    public static Entry entry(String setting, String token, OperatorIdentity identity) {
        return new Entry(BearerTokens.digest(BearerTokens.requireToken(setting, token)), identity);
    }

    /** Whether no token is set: then every request is refused. */
    public boolean isEmpty() {
        return entries.isEmpty();
    }

    @Override
    public @Nullable OperatorIdentity authorize(OperatorRequest request) {
        String presented = BearerTokens.fromHeader(request.header("Authorization"));
        if (presented == null || presented.isEmpty() || presented.length() > BearerTokens.MAX_LENGTH) {
            return null;
        }
        byte[] candidate = BearerTokens.digest(presented);
        OperatorIdentity found = null;
        for (Entry entry : entries) {
            if (MessageDigest.isEqual(entry.digest(), candidate) && found == null) {
                found = entry.identity();
            }
        }
        return found;
    }
}
