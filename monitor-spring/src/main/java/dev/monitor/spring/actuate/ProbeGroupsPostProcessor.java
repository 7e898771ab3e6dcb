package dev.monitor.spring.actuate;

import dev.monitor.health.HealthGroup;
import dev.monitor.health.HealthRegistry;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.EndpointId;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.health.actuate.endpoint.AdditionalHealthEndpointPath;
import org.springframework.boot.actuate.endpoint.web.AdditionalPathsMapper;
import org.springframework.boot.actuate.endpoint.web.WebServerNamespace;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroup;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroups;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroupsPostProcessor;
import org.springframework.boot.health.actuate.endpoint.HttpCodeStatusMapper;
import org.springframework.boot.health.actuate.endpoint.StatusAggregator;
import org.springframework.core.Ordered;

/**
 * Makes the checks of monitor's {@code live} group members of Actuator's {@code liveness} probe group and those of its
 * {@code ready} group members of the {@code readiness} group (as {@code monitor/NAME}), besides the groups' own members.
 * Runs after Spring Boot's availability-probe post-processor, which creates those groups.
 */
final class ProbeGroupsPostProcessor implements HealthEndpointGroupsPostProcessor, Ordered {

    private final HealthRegistry registry;
    private final RegistryHealthContributor contributor;
    private final String contributorName;

    ProbeGroupsPostProcessor(HealthRegistry registry, RegistryHealthContributor contributor, String contributorName) {
        this.registry = registry;
        this.contributor = contributor;
        this.contributorName = contributorName;
    }

    @Override
    public HealthEndpointGroups postProcessHealthEndpointGroups(HealthEndpointGroups groups) {
        return new ProbeGroups(groups);
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    private boolean isCheckInGroup(String memberName, HealthGroup group) {
        String prefix = contributorName + "/";
        if (!memberName.startsWith(prefix)) {
            return false;
        }
        String check = memberName.substring(prefix.length());
        try {
            return contributor.isExported(check) && registry.options(check).groups().contains(group);
        } catch (IllegalArgumentException unregisteredMeanwhile) {
            return false;
        }
    }

    /** The groups, with the two probe groups widened. */
    private final class ProbeGroups implements HealthEndpointGroups, AdditionalPathsMapper {
        private final HealthEndpointGroups groups;

        ProbeGroups(HealthEndpointGroups groups) {
            this.groups = groups;
        }

        @Override
        public HealthEndpointGroup getPrimary() {
            return groups.getPrimary();
        }

        @Override
        public Set<String> getNames() {
            return groups.getNames();
        }

        @Override
        public @Nullable HealthEndpointGroup get(String name) {
            HealthEndpointGroup group = groups.get(name);
            if (group == null) {
                return null;
            }
            return switch (name) {
                case "liveness" -> new WidenedGroup(group, HealthGroup.LIVE);
                case "readiness" -> new WidenedGroup(group, HealthGroup.READY);
                default -> group;
            };
        }

        @Override
        public @Nullable List<String> getAdditionalPaths(EndpointId endpointId, WebServerNamespace webServerNamespace) {
            return groups instanceof AdditionalPathsMapper mapper ? mapper.getAdditionalPaths(endpointId, webServerNamespace)
                    : null;
        }
    }

    /** A probe group that also has the checks of one monitor group as members. */
    private final class WidenedGroup implements HealthEndpointGroup {
        private final HealthEndpointGroup group;
        private final HealthGroup checks;

        WidenedGroup(HealthEndpointGroup group, HealthGroup checks) {
            this.group = group;
            this.checks = checks;
        }

        @Override
        public boolean isMember(String name) {
            return group.isMember(name) || isCheckInGroup(name, checks);
        }

        @Override
        public boolean showComponents(SecurityContext securityContext) {
            return group.showComponents(securityContext);
        }

        @Override
        public boolean showDetails(SecurityContext securityContext) {
            return group.showDetails(securityContext);
        }

        @Override
        public StatusAggregator getStatusAggregator() {
            return group.getStatusAggregator();
        }

        @Override
        public HttpCodeStatusMapper getHttpCodeStatusMapper() {
            return group.getHttpCodeStatusMapper();
        }

        @Override
        public @Nullable AdditionalHealthEndpointPath getAdditionalPath() {
            return group.getAdditionalPath();
        }
    }
}
