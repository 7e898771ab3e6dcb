/**
 * A runnable servlet service wired with monitor.
 */
@NullMarked
package dev.monitor.examples.servlet;

import org.jspecify.annotations.NullMarked;
