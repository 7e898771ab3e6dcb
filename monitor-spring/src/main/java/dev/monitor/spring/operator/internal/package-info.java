/**
 * How the operator endpoints bridge Actuator and {@link dev.monitor.operator.OperatorEndpoint}: the request filter that
 * keeps the JSON body for the core API and refuses what is not JSON, and the call that passes who acts. Not API.
 */
@NullMarked
package dev.monitor.spring.operator.internal;

import org.jspecify.annotations.NullMarked;
