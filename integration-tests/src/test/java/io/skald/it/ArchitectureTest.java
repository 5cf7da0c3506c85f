package io.skald.it;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Services never depend on each other; what two of them need lives in common-lib, which depends on none. */
class ArchitectureTest {
    private static final List<String> SERVICES = List.of(
            "distributor",
            "ingester",
            "querier",
            "frontend",
            "scheduler",
            "compactor",
            "indexgateway",
            "ruler",
            "gateway");
    /** The scheduler's client library lives in common-lib, under the scheduler's package name. */
    private static final String SCHEDULER_CLIENT = "io.skald.scheduler.client..";

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.skald");
    }

    static List<String> services() {
        return SERVICES;
    }

    @ParameterizedTest
    @MethodSource("services")
    void serviceDependsOnNoOtherService(String service) {
        String[] others = SERVICES.stream()
                .filter(s -> !s.equals(service))
                .map(s -> "io.skald." + s + "..")
                .toArray(String[]::new);
        noClasses()
                .that()
                .resideInAPackage("io.skald." + service + "..")
                .should()
                .dependOnClassesThat(JavaClass.Predicates.resideInAnyPackage(others)
                        .and(DescribedPredicate.not(JavaClass.Predicates.resideInAPackage(SCHEDULER_CLIENT))))
                .allowEmptyShould(false)
                .check(classes);
    }

    @ParameterizedTest
    @MethodSource("services")
    void commonLibDependsOnNoService(String service) {
        // The only io.skald.scheduler.* classes in common-lib are the client library queriers and frontends use.
        String[] commonPackages = Arrays.stream(new String[] {
                    "config",
                    "server",
                    "tenant",
                    "metrics",
                    "labels",
                    "ring",
                    "chunk",
                    "wal",
                    "storage",
                    "index",
                    "push",
                    "limits",
                    "logql",
                    "api",
                    "store",
                    "proto",
                    "kubernetes"
                })
                .map(p -> "io.skald." + p + "..")
                .toArray(String[]::new);
        noClasses()
                .that()
                .resideInAnyPackage(commonPackages)
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.skald." + service + "..")
                .allowEmptyShould(true)
                .check(classes);
    }
}
