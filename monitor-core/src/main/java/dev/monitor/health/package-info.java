/**
 * Health-check registry, check options, reports and their JSON renderings.
 */
@NullMarked
package dev.monitor.health;

import org.jspecify.annotations.NullMarked;
