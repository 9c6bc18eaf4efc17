package org.wenshu.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ArchitectureTests {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.wenshu");
    }

    @Test
    void packagesHaveNoCycles() {
        slices().matching("org.wenshu.(**)").should().beFreeOfCycles().check(classes);
    }

    @Test
    void modulesFollowTheDesignedDirection() {
        noClasses().that().resideInAPackage("org.wenshu.templates..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.wenshu.generator..", "org.wenshu.archive..", "org.wenshu.search..",
                        "org.wenshu.batch..", "org.wenshu.app..")
                .check(classes);
        noClasses().that().resideInAPackage("org.wenshu.generator..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.wenshu.archive..", "org.wenshu.search..", "org.wenshu.batch..", "org.wenshu.app..")
                .check(classes);
        noClasses().that().resideInAPackage("org.wenshu.archive..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.wenshu.templates..", "org.wenshu.generator..", "org.wenshu.search..",
                        "org.wenshu.batch..", "org.wenshu.app..")
                .check(classes);
        noClasses().that().resideInAPackage("org.wenshu.search..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.wenshu.templates..", "org.wenshu.generator..", "org.wenshu.batch..", "org.wenshu.app..")
                .check(classes);
    }

    @Test
    void libraryModulesStayFreeOfSpringWiring() {
        noClasses().that().resideInAnyPackage("org.wenshu.templates..", "org.wenshu.generator..", "org.wenshu.search..")
                .should().dependOnClassesThat().resideInAPackage("org.springframework..")
                .check(classes);
    }
}
