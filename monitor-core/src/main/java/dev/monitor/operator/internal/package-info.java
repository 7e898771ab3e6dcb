/**
 * Implementation of the operator API: the bearer-token authorizer, the reading and checking of request bodies, and
 * the JSON views of alerts, silences, incidents, maintenance and jobs. Not API: may change in any release.
 */
@NullMarked
package dev.monitor.operator.internal;

import org.jspecify.annotations.NullMarked;
