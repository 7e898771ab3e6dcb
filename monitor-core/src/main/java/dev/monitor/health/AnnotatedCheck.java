package dev.monitor.health;

import dev.monitor.config.DurationLimits;
import dev.monitor.config.Names;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

/** A {@link HealthCheckMethod}-annotated method bound to its object. Not API. */
final class AnnotatedCheck implements HealthCheck {

    private final Object bean;
    private final Method method;
    private final CheckOptions options;

    private AnnotatedCheck(Object bean, Method method, CheckOptions options) {
        this.bean = bean;
        this.method = method;
        this.options = options;
    }

    CheckOptions options() {
        return options;
    }

    String describe() {
        return describe(method);
    }

    @Override
    public HealthResult check() throws Exception {
        Object value;
        try {
            value = method.invoke(Modifier.isStatic(method.getModifiers()) ? null : bean);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            if (cause instanceof Exception exception) {
                throw exception;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw e;
        }
        Class<?> type = method.getReturnType();
        if (type == void.class || type == Void.class) {
            return HealthResult.pass();
        }
        if (type == boolean.class || type == Boolean.class) {
            return Boolean.TRUE.equals(value) ? HealthResult.pass() : HealthResult.fail(method.getName() + " returned false");
        }
        return (HealthResult) value;
    }

    /** Finds and validates every annotated method of the bean's class and its superclasses. */
    static Map<String, AnnotatedCheck> find(Object bean) {
        Map<String, AnnotatedCheck> found = new LinkedHashMap<>();
        Set<String> signatures = new HashSet<>();
        List<String> problems = new ArrayList<>();
        for (Class<?> type = bean.getClass(); type != null && type != Object.class; type = type.getSuperclass()) {
            for (Method method : type.getDeclaredMethods()) {
                HealthCheckMethod annotation = method.getAnnotation(HealthCheckMethod.class);
                if (annotation == null || method.isBridge() || method.isSynthetic()) {
                    continue;
                }
                if (!signatures.add(method.getName() + java.util.Arrays.toString(method.getParameterTypes()))) {
                    continue; // overridden in a subclass, already seen
                }
                String problem = problem(method);
                if (problem != null) {
                    problems.add("Health check method " + describe(method) + " " + problem);
                    continue;
                }
                CheckOptions options;
                try {
                    options = options(annotation);
                } catch (IllegalArgumentException e) {
                    problems.add("Health check method " + describe(method) + " has invalid @HealthCheckMethod: "
                            + e.getMessage());
                    continue;
                }
                String name = annotation.name().isEmpty() ? method.getName() : annotation.name();
                if (!Names.isValidName(name)) {
                    problems.add(nameProblem(method, annotation, name));
                    continue;
                }
                AnnotatedCheck previous = found.put(name, new AnnotatedCheck(bean, method, options));
                if (previous != null) {
                    problems.add("Health check methods " + previous.describe() + " and " + describe(method)
                            + " share the name '" + name + "'");
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        return found;
    }

    private static String problem(Method method) {
        if (method.getParameterCount() != 0) {
            return "must take no parameters, but takes " + method.getParameterCount();
        }
        Class<?> type = method.getReturnType();
        if (type != HealthResult.class && type != boolean.class && type != Boolean.class && type != void.class
                && type != Void.class) {
            return "returns " + type.getName() + "; it must return HealthResult, boolean or void";
        }
        if (!Modifier.isPublic(method.getModifiers())) {
            return "must be public";
        }
        if (!method.trySetAccessible()) {
            return "is not accessible; make its class public or open its package";
        }
        return null;
    }

    private static CheckOptions options(HealthCheckMethod annotation) {
        CheckOptions.Builder builder = CheckOptions.builder()
                .critical(annotation.critical())
                .groups(annotation.groups())
                .failureThreshold(annotation.failureThreshold())
                .successThreshold(annotation.successThreshold())
                .initialStatus(annotation.initialStatus());
        // Validated here so that the message names the annotation's attribute; Duration.ofMillis never overflows.
        if (annotation.timeoutMillis() != 0) {
            builder.timeout(DurationLimits.requireTimeout("timeoutMillis", Duration.ofMillis(annotation.timeoutMillis())));
        }
        if (annotation.cacheTtlMillis() != -1) {
            builder.cacheTtl(DurationLimits.requirePeriodOrZero("cacheTtlMillis",
                    Duration.ofMillis(annotation.cacheTtlMillis())));
        }
        if (annotation.refreshIntervalMillis() != 0) {
            builder.background(DurationLimits.requirePeriod("refreshIntervalMillis",
                    Duration.ofMillis(annotation.refreshIntervalMillis())));
        }
        return builder.build();
    }

    private static String nameProblem(Method method, HealthCheckMethod annotation, String name) {
        String rule;
        try {
            Names.requireName("health check name", name);
            rule = "";
        } catch (IllegalArgumentException e) {
            rule = e.getMessage();
        }
        return "Health check method " + describe(method) + " has an invalid name: " + rule
                + (annotation.name().isEmpty() ? "; the name is the method's name: set @HealthCheckMethod(name = ...)"
                        : "");
    }

    private static String describe(Method method) {
        StringJoiner parameters = new StringJoiner(", ", "(", ")");
        for (Class<?> parameter : method.getParameterTypes()) {
            parameters.add(parameter.getSimpleName());
        }
        return method.getDeclaringClass().getName() + "." + method.getName() + parameters;
    }
}
