package org.allianceportal.core.log.merkle;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The RFC 9162 test vectors of transparency-dev/merkle (src/test/resources/merkle, Apache-2.0). */
class MerkleVectorsTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void roots_for_sizes_0_to_8_match_the_reference() throws Exception {
        JsonNode roots = read(resource("merkle/roots.json"));
        List<byte[]> leaves = new ArrayList<>();
        for (JsonNode hex : roots.get("leafInputsHex")) {
            leaves.add(Merkle.leafHash(HexFormat.of().parseHex(hex.asText())));
        }
        for (int i = 0; i < leaves.size(); i++) {
            assertThat(HexFormat.of().formatHex(leaves.get(i))).isEqualTo(roots.get("leafHashesHex").get(i).asText());
        }
        for (int size = 0; size <= leaves.size(); size++) {
            MemoryTree tree = new MemoryTree();
            leaves.subList(0, size).forEach(tree::add);
            assertThat(HexFormat.of().formatHex(Merkle.root(size, tree))).as("root of size " + size)
                    .isEqualTo(roots.get("rootHashesHexBySize").get(size).asText());
        }
    }

    static Stream<Path> inclusionFiles() throws Exception {
        return files("merkle/inclusion");
    }

    static Stream<Path> consistencyFiles() throws Exception {
        return files("merkle/consistency");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("inclusionFiles")
    void inclusion_vectors_are_accepted_or_rejected_as_expected(Path file) throws IOException {
        JsonNode v = read(file);
        boolean ok = Merkle.verifyInclusion(v.get("leafIdx").asLong(), v.get("treeSize").asLong(),
                bytes(v.get("leafHash")), hashes(v.get("proof")), bytes(v.get("root")));
        assertThat(ok).isEqualTo(!v.get("wantErr").asBoolean());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("consistencyFiles")
    void consistency_vectors_are_accepted_or_rejected_as_expected(Path file) throws IOException {
        JsonNode v = read(file);
        boolean ok = Merkle.verifyConsistency(v.get("size1").asLong(), v.get("size2").asLong(),
                hashes(v.get("proof")), bytes(v.get("root1")), bytes(v.get("root2")));
        assertThat(ok).isEqualTo(!v.get("wantErr").asBoolean());
    }

    static Stream<Path> files(String folder) throws Exception {
        Path root = resource(folder);
        List<Path> all;
        try (Stream<Path> walk = Files.walk(root)) {
            all = walk.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        assertThat(all).as("vectors under " + folder).isNotEmpty();
        return all.stream();
    }

    static Path resource(String name) throws URISyntaxException {
        return Paths.get(MerkleVectorsTest.class.getClassLoader().getResource(name).toURI());
    }

    static JsonNode read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return JSON.readTree(in);
        }
    }

    static byte[] bytes(JsonNode base64) {
        return base64 == null || base64.isNull() ? null : Base64.getDecoder().decode(base64.asText());
    }

    static List<byte[]> hashes(JsonNode array) {
        List<byte[]> out = new ArrayList<>();
        if (array != null && !array.isNull()) {
            array.forEach(h -> out.add(bytes(h)));
        }
        return out;
    }
}
