/**
 * A plain Java program wired with monitor on the JDK's HTTP server, without any framework.
 */
@NullMarked
package dev.monitor.examples.plain;

import org.jspecify.annotations.NullMarked;
