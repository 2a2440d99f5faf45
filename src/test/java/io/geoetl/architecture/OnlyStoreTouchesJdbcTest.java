package io.geoetl.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/** DESIGN.md: only the store package touches JDBC. */
class OnlyStoreTouchesJdbcTest {
    private final JavaClasses mainClasses = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.geoetl");

    @Test
    void noPackageOutsideStoreUsesJdbc() {
        ArchRule rule = noClasses().that().resideOutsideOfPackage("io.geoetl.store..")
                .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..", "org.postgresql..", "com.zaxxer.hikari..")
                .because("only io.geoetl.store may touch JDBC (DESIGN.md, hard rules)");
        rule.check(mainClasses);
    }

    @Test
    void theRuleCatchesAViolation() {
        JavaClasses violating = new ClassFileImporter().importClasses(ViolatingExample.class);
        ArchRule rule = noClasses().that().resideOutsideOfPackage("io.geoetl.store..")
                .should().dependOnClassesThat().resideInAnyPackage("java.sql..");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> rule.check(violating)).isInstanceOf(AssertionError.class);
    }

    /** Uses JDBC outside the store, so the rule must reject it. */
    static final class ViolatingExample {
        java.sql.Connection connection;
    }
}
