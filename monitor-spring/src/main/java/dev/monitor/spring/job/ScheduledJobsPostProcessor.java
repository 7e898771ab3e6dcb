package dev.monitor.spring.job;

import dev.monitor.config.DurationLimits;
import dev.monitor.config.Names;
import dev.monitor.job.Job;
import dev.monitor.job.JobDefinition;
import dev.monitor.job.JobMonitor;
import dev.monitor.job.JobSchedule;
import java.lang.reflect.Method;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.context.EmbeddedValueResolverAware;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.scheduling.annotation.Schedules;
import org.springframework.scheduling.config.TaskManagementConfigUtils;
import org.springframework.util.ClassUtils;
import org.springframework.util.StringValueResolver;

/**
 * Finds the {@code @Scheduled} methods of every bean, as Spring's {@code ScheduledAnnotationBeanPostProcessor} does, and
 * adds each (unless opted out with {@link MonitoredJob @MonitoredJob(enabled = false)}) to the {@link JobMonitor} as the
 * job {@code BEAN.METHOD}, its schedule read from the annotation: a cron expression with its zone (the system zone when
 * none is given, as Spring does), or a fixed rate or delay as the interval, with an initial delay longer than the grace
 * time as the grace time. Beans are never proxied: the runs check in through Spring's own observation of scheduled
 * tasks ({@link ScheduledJobCheckIns}). Jobs are added once every singleton exists (later beans at once), so a job
 * that never runs is reported missed. Nothing is monitored without {@code @EnableScheduling}; a method whose schedule
 * cannot be read is left unmonitored with one warning, and a clash of names fails startup naming both.
 */
final class ScheduledJobsPostProcessor implements BeanPostProcessor, SmartInitializingSingleton, BeanFactoryAware,
        EmbeddedValueResolverAware {

    private static final Logger log = LoggerFactory.getLogger(ScheduledJobsPostProcessor.class);

    /** A monitored method: its job's definition and where it was found. */
    private record Found(String key, JobDefinition definition, String beanName, String methodName) {
    }

    private final ObjectProvider<JobMonitor> monitorProvider;
    private final ObjectProvider<MonitorJobsProperties> propertiesProvider;
    private final Set<Class<?>> withoutScheduledMethods = ConcurrentHashMap.newKeySet();
    private final Map<String, Job> jobs = new ConcurrentHashMap<>();
    private final List<Found> pending = new ArrayList<>(); // guarded by this
    private @Nullable BeanFactory beanFactory;
    private @Nullable StringValueResolver resolver;
    private volatile @Nullable JobMonitor monitor;
    private boolean attached; // guarded by this

    ScheduledJobsPostProcessor(ObjectProvider<JobMonitor> monitor, ObjectProvider<MonitorJobsProperties> properties) {
        this.monitorProvider = monitor;
        this.propertiesProvider = properties;
    }

    @Override
    public void setBeanFactory(BeanFactory beanFactory) {
        this.beanFactory = beanFactory;
    }

    @Override
    public void setEmbeddedValueResolver(StringValueResolver resolver) {
        this.resolver = resolver;
    }

    /** The job of {@code method} run on an instance of {@code targetClass}, or null when it is not monitored. */
    @Nullable Job job(Class<?> targetClass, Method method) {
        Job job = jobs.get(key(targetClass, method.getName()));
        return job != null ? job : jobs.get(key(method.getDeclaringClass(), method.getName()));
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) throws BeansException {
        if (bean instanceof JobMonitor || bean instanceof ScheduledJobCheckIns) {
            return bean;
        }
        Class<?> type = AopUtils.getTargetClass(bean);
        if (withoutScheduledMethods.contains(type)) {
            return bean;
        }
        Map<Method, Set<Scheduled>> annotated = MethodIntrospector.selectMethods(type,
                (MethodIntrospector.MetadataLookup<Set<Scheduled>>) method -> {
                    Set<Scheduled> found = AnnotatedElementUtils.getMergedRepeatableAnnotations(method, Scheduled.class,
                            Schedules.class);
                    return found.isEmpty() ? null : found;
                });
        if (annotated.isEmpty()) {
            withoutScheduledMethods.add(type);
            return bean;
        }
        if (!schedulingEnabled()) {
            return bean; // without @EnableScheduling nothing runs: monitoring would only report misses
        }
        List<Found> found = new ArrayList<>();
        annotated.forEach((method, schedules) -> {
            JobDefinition definition = definition(beanName, method, schedules.iterator().next(), schedules.size());
            if (definition != null) {
                found.add(new Found(key(type, method.getName()), definition, beanName, method.getName()));
            }
        });
        synchronized (this) {
            if (attached) {
                found.forEach(this::add);
            } else {
                pending.addAll(found);
            }
        }
        return bean;
    }

    @Override
    public void afterSingletonsInstantiated() {
        synchronized (this) {
            attached = true;
            pending.forEach(this::add);
            pending.clear();
        }
    }

    /** Adds a job to the monitor; under this. */
    private void add(Found found) {
        JobMonitor jobMonitor = monitor();
        if (jobMonitor == null || jobs.containsKey(found.key())) {
            return; // a second bean of the same class checks in to the first one's jobs
        }
        try {
            jobs.put(found.key(), jobMonitor.add(found.definition()));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("@Scheduled method " + found.beanName() + "." + found.methodName()
                    + " cannot be monitored as job '" + found.definition().name() + "': " + e.getMessage()
                    + "; give it another name with @MonitoredJob(name = ...) or opt it out with"
                    + " @MonitoredJob(enabled = false)", e);
        }
    }

    private @Nullable JobMonitor monitor() {
        JobMonitor current = monitor;
        if (current == null) {
            current = monitorProvider.getIfUnique();
            monitor = current;
        }
        return current;
    }

    private boolean schedulingEnabled() {
        return beanFactory != null && beanFactory.containsBean(TaskManagementConfigUtils.SCHEDULED_ANNOTATION_PROCESSOR_BEAN_NAME);
    }

    /** The job of a @Scheduled method, or null when it is opted out or its schedule cannot be monitored. */
    private @Nullable JobDefinition definition(String beanName, Method method, Scheduled scheduled, int schedules) {
        MonitoredJob options = AnnotatedElementUtils.findMergedAnnotation(method, MonitoredJob.class);
        if (options != null && !options.enabled()) {
            return null;
        }
        String where = "@Scheduled method " + beanName + "." + method.getName();
        MonitorJobsProperties properties = propertiesProvider.getIfAvailable(MonitorJobsProperties::new);
        String name = options != null && !resolve(options.name()).isEmpty() ? resolve(options.name())
                : jobName(beanName, method.getName());
        Duration grace = properties.getScheduled().getGrace();
        Duration maxRuntime = properties.getScheduled().getMaxRuntime();
        JobDefinition.Builder builder;
        try {
            builder = JobDefinition.builder(name);
            if (options != null) {
                grace = options.grace().isEmpty() ? grace : DurationStyle.detectAndParse(resolve(options.grace()));
                maxRuntime = options.maxRuntime().isEmpty() ? maxRuntime
                        : DurationStyle.detectAndParse(resolve(options.maxRuntime()));
                builder.failureThreshold(options.failureThreshold()).critical(options.critical());
            }
            builder.grace(grace).maxRuntime(maxRuntime);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(where + " has an invalid @MonitoredJob: " + e.getMessage(), e);
        }
        try {
            JobSchedule schedule = schedule(scheduled);
            if (schedule == null) {
                return null; // a one-time task, or a cron of "-" (disabled)
            }
            Duration initialDelay = duration(scheduled.initialDelay(), scheduled.initialDelayString(), scheduled);
            if (initialDelay != null && initialDelay.compareTo(grace) > 0) {
                builder.grace(DurationLimits.requirePeriodOrZero("grace", initialDelay));
            }
            if (schedules > 1) {
                log.info("{} has {} schedules; it is monitored by the first: {}", where, schedules, schedule);
            }
            return builder.schedule(schedule).build();
        } catch (IllegalArgumentException | DateTimeException e) {
            log.warn("{} is not monitored: its schedule cannot be read ({}); opt it out with @MonitoredJob(enabled = false)",
                    where, e.getMessage());
            return null;
        }
    }

    private @Nullable JobSchedule schedule(Scheduled scheduled) {
        String cron = resolve(scheduled.cron()).strip();
        if (!cron.isEmpty()) {
            if (cron.equals(Scheduled.CRON_DISABLED)) {
                return null;
            }
            String zone = resolve(scheduled.zone()).strip();
            return JobSchedule.cron(macro(cron), zone.isEmpty() ? ZoneId.systemDefault() : ZoneId.of(zone));
        }
        Duration rate = duration(scheduled.fixedRate(), scheduled.fixedRateString(), scheduled);
        Duration delay = duration(scheduled.fixedDelay(), scheduled.fixedDelayString(), scheduled);
        Duration interval = rate != null && !rate.isNegative() && !rate.isZero() ? rate : delay;
        if (interval == null || interval.isNegative() || interval.isZero()) {
            return null;
        }
        return JobSchedule.every(interval);
    }

    private @Nullable Duration duration(long value, String text, Scheduled scheduled) {
        if (value >= 0) {
            return Duration.of(value, scheduled.timeUnit().toChronoUnit());
        }
        String resolved = resolve(text).strip();
        return resolved.isEmpty() ? null : DurationStyle.detectAndParse(resolved, scheduled.timeUnit().toChronoUnit());
    }

    /** Spring's cron macros as 6-field expressions. */
    private static String macro(String cron) {
        return switch (cron.toLowerCase(Locale.ROOT)) {
            case "@yearly", "@annually" -> "0 0 0 1 1 *";
            case "@monthly" -> "0 0 0 1 * *";
            case "@weekly" -> "0 0 0 * * 0";
            case "@daily", "@midnight" -> "0 0 0 * * *";
            case "@hourly" -> "0 0 * * * *";
            default -> cron;
        };
    }

    private String resolve(String value) {
        if (value.isEmpty() || resolver == null) {
            return value;
        }
        String resolved = resolver.resolveStringValue(value);
        return resolved == null ? "" : resolved;
    }

    /**
     * {@code BEAN.METHOD}, made a valid {@link Names name} of at most {@value JobDefinition#MAX_NAME_LENGTH} characters:
     * other characters become '-', the bean part is cut from the left.
     */
    static String jobName(String beanName, String methodName) {
        String method = sanitize(methodName);
        String bean = sanitize(beanName);
        int room = JobDefinition.MAX_NAME_LENGTH - 1 - method.length();
        if (room < 1) {
            return method.substring(0, Math.min(method.length(), JobDefinition.MAX_NAME_LENGTH));
        }
        if (bean.length() > room) {
            bean = bean.substring(bean.length() - room);
        }
        while (!bean.isEmpty() && !Character.isLetterOrDigit(bean.charAt(0))) {
            bean = bean.substring(1);
        }
        return bean.isEmpty() ? method : bean + "." + method;
    }

    private static String sanitize(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.'
                    || c == '_' || c == '-';
            out.append(allowed ? c : '-');
        }
        return out.isEmpty() ? "job" : out.toString();
    }

    private static String key(Class<?> type, String methodName) {
        return ClassUtils.getUserClass(type).getName() + "#" + methodName;
    }
}
