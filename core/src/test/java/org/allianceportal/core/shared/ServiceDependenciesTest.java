package org.allianceportal.core.shared;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.allianceportal.core.checkin.CheckInService;
import org.allianceportal.core.commitment.CommitmentService;
import org.allianceportal.core.concern.ConcernService;
import org.junit.jupiter.api.Test;

/** Services call one another in one direction: a rule split over two services that need each other has no home. */
@QuarkusTest
class ServiceDependenciesTest {

    @Inject
    BeanManager beans;

    @Test
    void no_bean_of_core_depends_on_itself_through_others() {
        Map<Class<?>, Set<Class<?>>> uses = new HashMap<>();
        for (Bean<?> bean : beans.getBeans(Object.class, Any.Literal.INSTANCE)) {
            if (!bean.getBeanClass().getName().startsWith("org.allianceportal.core.")) {
                continue;
            }
            Set<Class<?>> injected = new HashSet<>();
            for (Field field : bean.getBeanClass().getDeclaredFields()) {
                Class<?> type = field.getType();
                if (field.isAnnotationPresent(Inject.class) && type.getName().startsWith("org.allianceportal.")) {
                    injected.add(type);
                }
            }
            uses.put(bean.getBeanClass(), injected);
        }
        assertThat(uses).containsKeys(CommitmentService.class, ConcernService.class, CheckInService.class);
        assertThat(uses.get(CheckInService.class)).as("the injected fields are read").contains(CommitmentService.class);
        for (Class<?> start : uses.keySet()) {
            assertThat(pathBack(start, start, uses, new HashSet<>())).as("%s depends on itself", start.getSimpleName())
                    .isEmpty();
        }
    }

    /** The beans from {@code from} that lead back to {@code start}, or an empty list. */
    private static List<String> pathBack(Class<?> start, Class<?> from, Map<Class<?>, Set<Class<?>>> uses,
            Set<Class<?>> seen) {
        for (Class<?> next : uses.getOrDefault(from, Set.of())) {
            if (next.equals(start)) {
                return List.of(from.getSimpleName(), start.getSimpleName());
            }
            if (seen.add(next)) {
                List<String> rest = pathBack(start, next, uses, seen);
                if (!rest.isEmpty()) {
                    List<String> path = new ArrayList<>(List.of(from.getSimpleName()));
                    path.addAll(rest);
                    return path;
                }
            }
        }
        return List.of();
    }
}
