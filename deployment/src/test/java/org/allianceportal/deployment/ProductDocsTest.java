package org.allianceportal.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A clone of the repository explains the product on its own: nothing points to a description kept elsewhere. */
class ProductDocsTest {

    /** Maven runs tests in the module's folder; the repository is its parent. */
    static final Path REPO = Path.of("..").toAbsolutePath().normalize();

    static final Set<String> NOT_SOURCES = Set.of(".git", "target", "node_modules");

    static final Set<String> TEXT = Set.of("java", "md", "properties", "html", "txt", "sh", "sql", "xml", "json",
            "yml", "yaml", "css", "js");

    @Test
    void the_product_description_is_in_docs_and_the_readme_leads_to_it() throws IOException {
        Path product = REPO.resolve("docs/product.md");
        assertThat(product).exists();
        assertThat(Files.readString(product)).contains("## Who uses it", "## Commitments", "## Concerns",
                "## Check-ins", "## Notifications", "## Demo data");
        assertThat(Files.readString(REPO.resolve("README.md"))).contains("](docs/product.md)");
    }

    @Test
    void no_file_refers_to_a_product_description_outside_the_repository() throws IOException {
        // spelled in pieces, so that this file does not name what it looks for
        List<String> outside = List.of("PRODUCT" + ".md", "../" + "shared", "/work/" + "shared");
        List<String> found = new ArrayList<>();
        Files.walkFileTree(REPO, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
                return NOT_SOURCES.contains(dir.getFileName().toString()) ? FileVisitResult.SKIP_SUBTREE
                        : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                String name = file.getFileName().toString();
                if (TEXT.contains(name.substring(name.lastIndexOf('.') + 1))) {
                    for (String line : lines(file)) {
                        if (outside.stream().anyMatch(line::contains)) {
                            found.add(REPO.relativize(file) + ": " + line.strip());
                        }
                    }
                }
                return FileVisitResult.CONTINUE;
            }
        });
        assertThat(found).isEmpty();
    }

    private static List<String> lines(Path file) throws IOException {
        try {
            return Files.readAllLines(file);
        } catch (MalformedInputException e) {
            return List.of();
        }
    }
}
