package io.geoetl.architecture;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/**
 * DESIGN.md: no two packages import each other. Every package under io.geoetl (sub-packages
 * included, e.g. http and http.auth) is its own slice; the slices form no cycle.
 */
class NoPackageCyclesTest {

    private static ArchRule everyPackageFreeOfCycles(String root) {
        return slices().matching(root + ".(**)").should().beFreeOfCycles()
                .because("a capability is added as one package on top of the others (DESIGN.md, 'How the packages lean on each other')");
    }

    @Test
    void noPackageOfGeoetlTakesPartInACycle() {
        JavaClasses main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.geoetl");
        everyPackageFreeOfCycles("io.geoetl").check(main);
    }

    @Test
    void theRuleCatchesAPlantedCycle() {
        JavaClasses planted = new ClassFileImporter().importPackages("io.geoetl.architecture.planted");
        assertThatThrownBy(() -> everyPackageFreeOfCycles("io.geoetl.architecture.planted").check(planted))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("planted.left").hasMessageContaining("planted.right");
    }
}
