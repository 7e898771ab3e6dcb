package dev.monitor.spring.jdbc;

import dev.monitor.jdbc.MonitoredDataSource;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.aop.framework.ProxyFactory;

/**
 * A class-based proxy of a pool bean that keeps the pool's class ({@code HikariDataSource} stays injectable by
 * type) while its {@link DataSource} methods go to the {@link MonitoredDataSource}: {@code getConnection} is
 * monitored, {@code unwrap(MonitoredDataSource.class)} finds the wrapper. Every other method (the pool's own API,
 * {@code close}, {@code toString}) goes to the pool. Not API.
 */
final class TypePreservingDataSource {

    private static final Logger log = LoggerFactory.getLogger(TypePreservingDataSource.class);

    private TypePreservingDataSource() {
    }

    /**
     * A subclass proxy of {@code pool}'s class routing the {@code DataSource} methods to {@code monitored}, or
     * {@code monitored} itself when the class cannot be subclassed (final, a JDK proxy, or the proxy cannot be made).
     */
    static DataSource of(DataSource pool, MonitoredDataSource monitored, String beanName) {
        Class<?> type = pool.getClass();
        if (Modifier.isFinal(type.getModifiers()) || type.isSynthetic() || type.isAnonymousClass()) {
            return monitored;
        }
        try {
            ProxyFactory factory = new ProxyFactory(pool);
            factory.setProxyTargetClass(true);
            factory.setOpaque(true);
            factory.addAdvice(new Routing(monitored));
            Object proxy = factory.getProxy(type.getClassLoader());
            if (!type.isInstance(proxy)) {
                return monitored;
            }
            return (DataSource) proxy;
        } catch (RuntimeException | LinkageError e) {
            log.debug("DataSource bean '{}' ({}) cannot keep its class; it is exposed as a MonitoredDataSource ({})",
                    beanName, type.getName(), e.toString());
            return monitored;
        }
    }

    /** Sends {@link DataSource} methods (with {@code CommonDataSource} and {@code Wrapper}) to the monitored wrapper. */
    private static final class Routing implements MethodInterceptor {
        private static final Method NOT_ROUTED = notRouted();
        private static final Map<Method, Method> ROUTES = new ConcurrentHashMap<>();

        private final MonitoredDataSource monitored;

        Routing(MonitoredDataSource monitored) {
            this.monitored = monitored;
        }

        @Override
        public @Nullable Object invoke(MethodInvocation invocation) throws Throwable {
            Method route = ROUTES.computeIfAbsent(invocation.getMethod(), Routing::dataSourceMethod);
            if (route == NOT_ROUTED) {
                return invocation.proceed();
            }
            try {
                return route.invoke(monitored, invocation.getArguments());
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }

        private static Method dataSourceMethod(Method method) {
            try {
                return DataSource.class.getMethod(method.getName(), method.getParameterTypes());
            } catch (NoSuchMethodException e) {
                return NOT_ROUTED;
            }
        }

        private static Method notRouted() {
            try {
                return Object.class.getMethod("toString");
            } catch (NoSuchMethodException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
