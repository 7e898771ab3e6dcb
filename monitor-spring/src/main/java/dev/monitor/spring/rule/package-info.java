/**
 * Spring Boot auto-configuration of alert rules: the {@link dev.monitor.rule.RuleEngine} bean with the standard
 * rule pack, the health-driven rule and the application's own rules, reading a registry with cumulative counts.
 */
@NullMarked
package dev.monitor.spring.rule;

import org.jspecify.annotations.NullMarked;
