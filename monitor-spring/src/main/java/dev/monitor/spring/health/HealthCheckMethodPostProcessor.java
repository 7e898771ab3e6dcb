package dev.monitor.spring.health;

import dev.monitor.health.HealthCheckMethod;
import dev.monitor.health.HealthRegistry;
import java.lang.reflect.Method;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.aop.framework.AopProxyUtils;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.config.DestructionAwareBeanPostProcessor;
import org.springframework.core.annotation.AnnotationUtils;

/**
 * Registers the {@link HealthCheckMethod} methods of every singleton bean in the health registry, as the beans are
 * created; a bean created before the registry waits until the registry bean is created. Beans are inspected once per
 * class (the class of the proxied target, so proxies are handled). The check is invoked through a class-based proxy,
 * so its advice applies; an interface-based proxy cannot expose the method, so its target is invoked. When a bean is
 * destroyed, its checks are unregistered. A method that is invalid or whose
 * name is taken fails startup with the registry's message naming it.
 */
final class HealthCheckMethodPostProcessor
        implements DestructionAwareBeanPostProcessor, SmartInitializingSingleton, BeanFactoryAware {

    private static final Logger log = LoggerFactory.getLogger(HealthCheckMethodPostProcessor.class);

    private final Set<Class<?>> withoutChecks = ConcurrentHashMap.newKeySet();
    private final Map<String, List<String>> registered = new ConcurrentHashMap<>();
    private final Map<String, Object> pending = new LinkedHashMap<>(); // guarded by this
    private @Nullable ConfigurableListableBeanFactory beanFactory;
    private volatile @Nullable HealthRegistry registry;

    @Override
    public void setBeanFactory(BeanFactory beanFactory) {
        this.beanFactory = (ConfigurableListableBeanFactory) beanFactory;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) throws BeansException {
        if (bean instanceof HealthRegistry candidate) {
            if (isTheRegistry(beanName)) {
                attach(candidate);
            }
            return bean;
        }
        Class<?> type = AopUtils.getTargetClass(bean);
        if (withoutChecks.contains(type)) {
            return bean;
        }
        if (!hasCheckMethods(type)) {
            withoutChecks.add(type);
            return bean;
        }
        if (!isSingleton(beanName)) {
            log.warn("@HealthCheckMethod methods of bean '{}' ({}) are not registered: only singleton beans are; "
                    + "register the checks of other scopes through a HealthCheckRegistrar", beanName, type.getName());
            return bean;
        }
        Object target = bean;
        if (AopUtils.isJdkDynamicProxy(bean)) {
            // an interface proxy does not carry the class's annotations: register the target itself
            Object singletonTarget = AopProxyUtils.getSingletonTarget(bean);
            if (singletonTarget == null) {
                log.warn("@HealthCheckMethod methods of bean '{}' are not registered: it is an interface proxy without "
                        + "a fixed target; proxy the class instead (proxyTargetClass)", beanName);
                return bean;
            }
            target = singletonTarget;
        }
        HealthRegistry current;
        synchronized (this) {
            current = registry;
            if (current == null) {
                pending.put(beanName, target);
                return bean;
            }
        }
        register(current, beanName, target);
        return bean;
    }

    @Override
    public void afterSingletonsInstantiated() {
        if (registry == null && beanFactory != null) {
            beanFactory.getBeanProvider(HealthRegistry.class).getIfUnique(); // creating it drains the pending beans
        }
        synchronized (this) {
            if (!pending.isEmpty()) {
                log.warn("@HealthCheckMethod methods of beans {} are not registered: no unique HealthRegistry bean exists",
                        pending.keySet());
                pending.clear();
            }
        }
    }

    @Override
    public boolean requiresDestruction(Object bean) {
        return !withoutChecks.contains(AopUtils.getTargetClass(bean)) && hasCheckMethods(AopUtils.getTargetClass(bean));
    }

    @Override
    public void postProcessBeforeDestruction(Object bean, String beanName) {
        List<String> names = registered.remove(beanName);
        HealthRegistry current = registry;
        if (names != null && current != null) {
            names.forEach(current::unregister);
        }
    }

    private void attach(HealthRegistry candidate) {
        Map<String, Object> waiting;
        synchronized (this) {
            registry = candidate;
            waiting = new LinkedHashMap<>(pending);
            pending.clear();
        }
        waiting.forEach((beanName, target) -> register(candidate, beanName, target));
    }

    private void register(HealthRegistry target, String beanName, Object bean) {
        try {
            registered.put(beanName, target.registerAnnotated(bean));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("Could not register the @HealthCheckMethod methods of bean '" + beanName
                    + "': " + e.getMessage(), e);
        }
    }

    private boolean isTheRegistry(String beanName) {
        if (beanFactory == null) {
            return true;
        }
        String[] names = beanFactory.getBeanNamesForType(HealthRegistry.class, true, false);
        if (names.length <= 1) {
            return true;
        }
        return beanFactory.containsBeanDefinition(beanName) && beanFactory.getMergedBeanDefinition(beanName).isPrimary();
    }

    private boolean isSingleton(String beanName) {
        return beanFactory == null || !beanFactory.containsBeanDefinition(beanName)
                || beanFactory.getMergedBeanDefinition(beanName).isSingleton();
    }

    static boolean hasCheckMethods(Class<?> type) {
        if (!AnnotationUtils.isCandidateClass(type, HealthCheckMethod.class)) {
            return false;
        }
        for (Class<?> current = type; current != null && current != Object.class; current = current.getSuperclass()) {
            for (Method method : current.getDeclaredMethods()) {
                if (method.isAnnotationPresent(HealthCheckMethod.class)) {
                    return true;
                }
            }
        }
        return false;
    }
}
