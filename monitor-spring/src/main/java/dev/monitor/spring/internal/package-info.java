/**
 * Implementation details of the Spring Boot starter shared by its feature packages. Not API: may change in
 * any release.
 */
@NullMarked
package dev.monitor.spring.internal;

import org.jspecify.annotations.NullMarked;
