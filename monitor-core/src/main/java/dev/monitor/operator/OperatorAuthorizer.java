package dev.monitor.operator;

import org.jspecify.annotations.Nullable;

/**
 * Decides who a request of the operator API comes from: returns the {@link OperatorIdentity} to act as, or
 * {@code null} to refuse it ({@code 401}). An identity that may not write gets {@code 403} for every change. Called
 * on the request thread before anything else is looked at, for every request, so it must be quick and must not
 * throw (a throw is a refusal).
 *
 * <p>By default {@link OperatorEndpoint} checks bearer tokens ({@link OperatorEndpoint.Builder#token}); plug in
 * your own to trust what the container or a proxy authenticated:
 *
 * <pre>{@code
 * OperatorEndpoint.builder(dispatcher)
 *         .authorizer(request -> request.principal() == null ? null
 *                 : new OperatorIdentity(request.principal(), request.header("X-Role").equals("oncall")))
 *         .build();
 * }</pre>
 *
 * The API never sets or reads cookies, so cross-site request forgery does not apply as long as your authorizer does
 * not trust a cookie either.
 */
@FunctionalInterface
public interface OperatorAuthorizer {

    /**
     * Who {@code request} comes from, or {@code null} to refuse it.
     *
     * @param request the request; its body is not read yet
     */
    @Nullable OperatorIdentity authorize(OperatorRequest request);
}
