/**
 * Jakarta Servlet adapter: the health servlet, the request filter and the status page.
 */
@NullMarked
package dev.monitor.servlet;

import org.jspecify.annotations.NullMarked;
