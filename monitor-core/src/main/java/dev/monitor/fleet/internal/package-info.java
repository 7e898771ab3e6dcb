/** The local and JDBC stores' implementation: schema migration, SQL dialects, ShedLock gate, claims. Not API. */
@NullMarked
package dev.monitor.fleet.internal;

import org.jspecify.annotations.NullMarked;
